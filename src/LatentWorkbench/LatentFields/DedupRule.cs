namespace LatentWorkbench.LatentFields;

/// <summary>When two converged end points count as the same attractor.</summary>
public enum DedupRule
{
    /// <summary>Euclidean distance below a radius (the default: cosine merges distinct points at large k).</summary>
    Euclidean,

    /// <summary>Cosine similarity above a threshold (the paper: 0.99).</summary>
    Cosine,
}
