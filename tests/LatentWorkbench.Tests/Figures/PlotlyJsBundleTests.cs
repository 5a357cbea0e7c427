using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using LatentWorkbench.Data;
using LatentWorkbench.Figures;

namespace LatentWorkbench.Tests.Figures;

/// <summary>Getting plotly.js into the cache: registry tarball verified by SHA-256, extracted, committed; then no network.</summary>
public sealed class PlotlyJsBundleTests : IDisposable
{
    private const string BundleText = "/* fake plotly */ window.Plotly = { newPlot: function () {} };";
    private readonly string _dir = Directory.CreateTempSubdirectory("lwb-plotlyjs-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Cache => Path.Combine(_dir, "cache");

    private static string Sha(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>An npm-style .tgz holding package/plotly.min.js (and a package.json, as the real one has).</summary>
    private static byte[] Tarball(string bundle)
    {
        using var memory = new MemoryStream();
        using (var gzip = new GZipStream(memory, CompressionLevel.Fastest, leaveOpen: true))
        using (var tar = new TarWriter(gzip))
        {
            foreach (var (name, text) in new[] { ("package/package.json", "{}"), ("package/plotly.min.js", bundle) })
            {
                var entry = new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(Encoding.UTF8.GetBytes(text)) };
                tar.WriteEntry(entry);
            }
        }
        return memory.ToArray();
    }

    private sealed class FakeDownloader(byte[] body) : IFileDownloader
    {
        public List<Uri> Requests { get; } = [];

        public void Download(Uri url, string destination)
        {
            Requests.Add(url);
            File.WriteAllBytes(destination, body);
        }
    }

    private sealed class OfflineDownloader : IFileDownloader
    {
        public void Download(Uri url, string destination) => throw new HttpRequestException($"offline: {url}");
    }

    [Fact]
    public void Downloads_verifies_and_caches_then_needs_no_network()
    {
        var tgz = Tarball(BundleText);
        var downloader = new FakeDownloader(tgz);
        var bundleSha = Sha(Encoding.UTF8.GetBytes(BundleText));

        var path = PlotlyJsBundle.Fetch(Cache, [_dir], downloader, Sha(tgz), bundleSha, out var problems);
        Assert.Equal(Path.Combine(Cache, PlotlyJsBundle.CacheFolderName, PlotlyJsBundle.FileName), path);
        Assert.Equal([PlotlyJsBundle.TarballUrl], downloader.Requests);
        Assert.Equal(BundleText, File.ReadAllText(path!));
        Assert.Null(FileHashes.VerifyManifest(Path.GetDirectoryName(path)!));
        Assert.Contains(problems, p => p.StartsWith("cache:", StringComparison.Ordinal)); // why it had to download
        Assert.Equal(["plotly.js"], Directory.GetFileSystemEntries(Cache).Select(Path.GetFileName)); // no staging left

        Assert.Equal(path, PlotlyJsBundle.Fetch(Cache, [_dir], new OfflineDownloader(), Sha(tgz), bundleSha, out _));
    }

    [Fact]
    public void A_tarball_with_the_wrong_digest_is_rejected_and_nothing_is_cached()
    {
        var tgz = Tarball(BundleText);
        var path = PlotlyJsBundle.Fetch(Cache, [_dir], new FakeDownloader(tgz), new string('0', 64), Sha(Encoding.UTF8.GetBytes(BundleText)), out var problems);
        Assert.Null(path);
        var problem = Assert.Single(problems, p => p.StartsWith("download:", StringComparison.Ordinal));
        Assert.Contains(PlotlyJsBundle.TarballUrl.ToString(), problem);
        Assert.Contains($"SHA-256 expected {new string('0', 64)}, found {Sha(tgz)}", problem);
        Assert.False(Directory.Exists(Path.Combine(Cache, PlotlyJsBundle.CacheFolderName)));
        Assert.Empty(Directory.GetFileSystemEntries(Cache));
    }

    [Fact]
    public void A_bundle_that_differs_from_the_pinned_digest_is_rejected()
    {
        var tgz = Tarball("window.Plotly = 'tampered';");
        Assert.Null(PlotlyJsBundle.Fetch(Cache, [_dir], new FakeDownloader(tgz), Sha(tgz), Sha(Encoding.UTF8.GetBytes(BundleText)), out var problems));
        Assert.Contains(problems, p => p.Contains("plotly.min.js: SHA-256 expected", StringComparison.Ordinal));
    }

    [Fact]
    public void A_corrupt_cache_is_reported_and_replaced_by_a_fresh_download()
    {
        var tgz = Tarball(BundleText);
        var bundleSha = Sha(Encoding.UTF8.GetBytes(BundleText));
        var path = PlotlyJsBundle.Fetch(Cache, [_dir], new FakeDownloader(tgz), Sha(tgz), bundleSha, out _)!;
        File.WriteAllText(path, "corrupted");

        Assert.Null(PlotlyJsBundle.Find(Cache, [_dir], bundleSha, out var problems));
        Assert.Contains(problems, p => p.StartsWith("cache:", StringComparison.Ordinal) && p.Contains("SHA-256 expected", StringComparison.Ordinal));
        Assert.Equal(path, PlotlyJsBundle.Fetch(Cache, [_dir], new FakeDownloader(tgz), Sha(tgz), bundleSha, out _));
        Assert.Equal(BundleText, File.ReadAllText(path));
    }

    [Fact]
    public void Node_modules_is_used_only_with_the_pinned_digest()
    {
        var repo = Path.Combine(_dir, "repo");
        var copy = Path.Combine(repo, PlotlyJs.BundleRelativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
        File.WriteAllText(copy, BundleText);
        var deep = Directory.CreateDirectory(Path.Combine(repo, "notebooks")).FullName;

        Assert.Equal(copy, PlotlyJsBundle.Find(Cache, [deep], Sha(Encoding.UTF8.GetBytes(BundleText)), out _));
        Assert.Null(PlotlyJsBundle.Find(Cache, [deep], new string('1', 64), out var problems));
        Assert.Contains(problems, p => p.Contains(copy, StringComparison.Ordinal) && p.Contains("SHA-256 differs", StringComparison.Ordinal));
        Assert.Null(PlotlyJsBundle.Fetch(Cache, [deep], null, new string('2', 64), new string('1', 64), out problems));
        Assert.Contains("download: disabled", problems);
    }

    [Fact]
    public void The_pinned_digests_are_lower_case_sha256_hex()
    {
        foreach (var digest in new[] { PlotlyJsBundle.TarballSha256, PlotlyJsBundle.BundleSha256 })
            Assert.Matches("^[0-9a-f]{64}$", digest);
        Assert.EndsWith($"plotly.js-dist-min-{PlotlyJs.Version}.tgz", PlotlyJsBundle.TarballUrl.AbsoluteUri);
    }
}
