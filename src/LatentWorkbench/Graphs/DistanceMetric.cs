namespace LatentWorkbench.Graphs;

/// <summary>How neighbours are measured.</summary>
public enum DistanceMetric
{
    /// <summary>Euclidean distance ||a - b||.</summary>
    Euclidean,

    /// <summary>Cosine distance 1 - cos(a, b) (the paper's angular similarity).</summary>
    Cosine,
}
