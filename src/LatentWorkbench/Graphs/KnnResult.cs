namespace LatentWorkbench.Graphs;

/// <summary>The k nearest neighbours of every point (self excluded), row-major n x k, nearest first.</summary>
/// <param name="Indices">Neighbour indices [n * k]: entries i*k .. i*k+k-1 are point i's neighbours.</param>
/// <param name="Distances">Distances [n * k], laid out as <paramref name="Indices"/> (Euclidean or cosine, per the metric used).</param>
/// <param name="K">Neighbours per point k.</param>
public sealed record KnnResult(int[] Indices, float[] Distances, int K)
{
    /// <summary>Number of points n (<see cref="Indices"/> length / k).</summary>
    public int Count => Indices.Length / K;
}
