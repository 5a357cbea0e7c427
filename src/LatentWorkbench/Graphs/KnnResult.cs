namespace LatentWorkbench.Graphs;

/// <summary>The k nearest neighbours of every point (self excluded), row-major n x k, nearest first.</summary>
/// <param name="Indices">Neighbour indices.</param>
/// <param name="Distances">Distances (Euclidean or cosine, per the metric used).</param>
/// <param name="K">Neighbours per point.</param>
public sealed record KnnResult(int[] Indices, float[] Distances, int K)
{
    /// <summary>Number of points.</summary>
    public int Count => Indices.Length / K;
}
