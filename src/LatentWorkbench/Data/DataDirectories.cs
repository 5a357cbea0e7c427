namespace LatentWorkbench.Data;

/// <summary>Where datasets are cached and where an externally provided copy may live.</summary>
public static class DataDirectories
{
    /// <summary>Environment variable that overrides the cache root.</summary>
    public const string CacheVariable = "LWB_DATA_DIR";

    /// <summary>Environment variable naming a folder with one subfolder per dataset (e.g. /work/shared/data).</summary>
    public const string DatasetsDirVariable = "LWB_DATASETS_DIR";

    /// <summary>
    /// The cache root: $LWB_DATA_DIR, else the repository's data/ folder (found by walking up from the current
    /// directory to the folder holding LatentWorkbench.sln), else ~/.cache/latentworkbench.
    /// </summary>
    public static string CacheRoot()
    {
        string? fromEnv = Environment.GetEnvironmentVariable(CacheVariable);
        if (!string.IsNullOrWhiteSpace(fromEnv)) return Path.GetFullPath(fromEnv);
        string? repo = FindRepositoryRoot(Environment.CurrentDirectory);
        if (repo is not null) return Path.Combine(repo, "data");
        string home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return Path.Combine(home, ".cache", "latentworkbench");
    }

    /// <summary>The folder named by $LWB_DATASETS_DIR, or null when unset.</summary>
    public static string? DatasetsDir()
    {
        string? value = Environment.GetEnvironmentVariable(DatasetsDirVariable);
        return string.IsNullOrWhiteSpace(value) ? null : Path.GetFullPath(value);
    }

    /// <summary>The nearest ancestor of <paramref name="start"/> (inclusive) containing LatentWorkbench.sln.</summary>
    public static string? FindRepositoryRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "LatentWorkbench.sln"))) return dir.FullName;
        return null;
    }
}
