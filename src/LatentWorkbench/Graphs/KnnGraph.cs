using LatentWorkbench.Engine;
using LatentWorkbench.Interop;

namespace LatentWorkbench.Graphs;

/// <summary>Symmetric weighted kNN graphs with lfmap's kernels and symmetrisations.</summary>
public static class KnnGraph
{
    /// <summary>The symmetric adjacency [n, n] of the kNN graph of the rows of <paramref name="points"/> [n, d], <paramref name="k"/> neighbours per point.</summary>
    /// <example><code>
    /// var w = KnnGraph.Build(Tensor.Randn(new Generator(0), 300, 8), k: 10, DistanceMetric.Euclidean);   // [300, 300]
    /// var basis = LaplacianEigenbasis.Compute(w, k: 20);                                                // Eigenvectors [300 * 20]
    /// </code></example>
    public static SparseMatrix Build(Tensor points, int k, DistanceMetric metric = DistanceMetric.Cosine, GraphKernel kernel = GraphKernel.Gaussian)
        => Build(points.ToPoints(nameof(points)), k, metric, kernel);

    internal static SparseMatrix Build(PointSet points, int k, DistanceMetric metric = DistanceMetric.Cosine, GraphKernel kernel = GraphKernel.Gaussian)
        => FromNeighbors(KnnSearch.Search(points, k, metric), kernel);

    /// <summary>The symmetric adjacency [n, n] from precomputed neighbours (n = <see cref="KnnResult.Count"/>).</summary>
    public static SparseMatrix FromNeighbors(KnnResult knn, GraphKernel kernel)
    {
        int n = knn.Count, k = knn.K;
        var rp = new int[n + 1];
        var cols = new int[n * k];
        var vals = new double[n * k];
        var order = new int[k];
        var keys = new int[k];
        for (int i = 0; i < n; i++)
        {
            rp[i + 1] = (i + 1) * k;
            double dk = knn.Distances[i * k + k - 1];
            for (int t = 0; t < k; t++) { order[t] = t; keys[t] = knn.Indices[i * k + t]; }
            Array.Sort(keys, order);
            for (int t = 0; t < k; t++)
            {
                int src = i * k + order[t];
                double dist = knn.Distances[src];
                cols[i * k + t] = keys[t];
                vals[i * k + t] = Weight(kernel, dist, dk);
            }
        }
        var directed = new SparseMatrix(n, rp, cols, vals);
        return kernel == GraphKernel.Gaussian
            ? directed.SymmetrizeWith((a, b) => (a + b) / 2)
            : directed.SymmetrizeWith(Math.Max);
    }

    private static double Weight(GraphKernel kernel, double d, double dk) => kernel switch
    {
        GraphKernel.Gaussian => dk > 0 ? Math.Exp(-4 * d * d / (dk * dk)) : 1.0,
        GraphKernel.Uniform => 1.0,
        GraphKernel.Distance => d,
        // Coincident points would give an infinite weight; cap it like a very close neighbour.
        GraphKernel.Singular => 1.0 / Math.Max(d, 1e-12),
        _ => throw new ArgumentOutOfRangeException(nameof(kernel), kernel, "unknown graph kernel"),
    };
}
