namespace LatentWorkbench.Data;

/// <summary>Where a dataset's files were found or put.</summary>
/// <param name="Name">Dataset name.</param>
/// <param name="Directory">The cache folder holding the files (empty for generated datasets).</param>
/// <param name="Source">Which source delivered them, e.g. "cache", "LWB_DATASETS_DIR /work/shared/data/mnist".</param>
/// <param name="Files">Canonical file name to path.</param>
public sealed record FetchResult(string Name, string Directory, string Source, IReadOnlyDictionary<string, string> Files);
