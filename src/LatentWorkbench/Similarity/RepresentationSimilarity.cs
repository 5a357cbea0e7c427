using LatentWorkbench.Engine;
using LatentWorkbench.FunctionalMaps;
using LatentWorkbench.Graphs;
using LatentWorkbench.Interop;
using MathNet.Numerics.LinearAlgebra;

namespace LatentWorkbench.Similarity;

/// <summary>Further similarity measures: LFM similarity, orthogonal Procrustes distance, mutual kNN.</summary>
public static class RepresentationSimilarity
{
    /// <summary>LFM similarity 1 - ||M - diag(M)||_F / ||M||_F of the area shape difference M = C^T C of a map <paramref name="c"/> [k, k] (1 for an isometry-like map).</summary>
    /// <example><code>double s = RepresentationSimilarity.Lfm(Tensor.Eye(50));   // 1: the identity map preserves every function</code></example>
    public static double Lfm(Tensor c) => Lfm(c.ToMatrix());

    /// <summary>LFM similarity of a fitted map (computed on its double-precision coefficients).</summary>
    /// <example><code>double s = RepresentationSimilarity.Lfm(LatentAligner.Align(bx, by, anchorPairs).Map);</code></example>
    public static double Lfm(FunctionalMap map) => Lfm(map.Coefficients);

    internal static double Lfm(Matrix<double> c)
    {
        var m = c.TransposeThisAndMultiply(c);
        var off = m.Clone();
        for (int i = 0; i < off.RowCount; i++) off[i, i] = 0;
        return 1 - off.FrobeniusNorm() / m.FrobeniusNorm();
    }

    /// <summary>
    /// Orthogonal Procrustes distance sqrt(2 - 2 ||X^T Y||_*) of centred, unit-Frobenius <paramref name="x"/> [n, d_x] and
    /// <paramref name="y"/> [n, d_y] (0 when equal up to rotation, translation and scale; at most sqrt(2)).
    /// </summary>
    /// <example><code>double d = RepresentationSimilarity.ProcrustesDistance(layerA, layerB);</code></example>
    public static double ProcrustesDistance(Tensor x, Tensor y)
    {
        var (mx, my) = SimilarityInputs.Paired(x, y);
        mx = mx.CenterColumns(); my = my.CenterColumns();
        mx /= mx.FrobeniusNorm(); my /= my.FrobeniusNorm();
        double nuclear = mx.TransposeThisAndMultiply(my).Svd(false).S.Sum();
        return Math.Sqrt(Math.Max(0, 2 - 2 * nuclear));
    }

    /// <summary>
    /// Mutual kNN alignment (Huh et al. 2024) of paired <paramref name="x"/> [n, d_x] and <paramref name="y"/> [n, d_y]: mean
    /// fraction of shared <paramref name="k"/> nearest neighbours (cosine), in [0, 1].
    /// </summary>
    /// <example><code>double m = RepresentationSimilarity.MutualKnn(layerA, layerB, k: 10);</code></example>
    public static double MutualKnn(Tensor x, Tensor y, int k = 10)
    {
        var (px, py) = SimilarityInputs.PairedPoints(x, y);
        var a = KnnSearch.Search(px, k, DistanceMetric.Cosine);
        var b = KnnSearch.Search(py, k, DistanceMetric.Cosine);
        double total = 0;
        var set = new HashSet<int>();
        for (int i = 0; i < px.Count; i++)
        {
            set.Clear();
            for (int t = 0; t < k; t++) set.Add(a.Indices[i * k + t]);
            int shared = 0;
            for (int t = 0; t < k; t++) if (set.Contains(b.Indices[i * k + t])) shared++;
            total += shared / (double)k;
        }
        return total / px.Count;
    }

    /// <summary>
    /// LFM similarity of two paired spaces: the functional map the identity correspondence induces. Defaults are the
    /// perturbation experiment's graphs (Euclidean kNN, k = 30, gaussian kernel, 50 eigenvectors). <paramref name="x"/> [n, d_x]
    /// and <paramref name="y"/> [n, d_y] hold the same n inputs row by row.
    /// </summary>
    /// <example><code>double s = RepresentationSimilarity.LfmPaired(layerA, layerB);   // 1 - off-diagonal share of C^T C</code></example>
    public static double LfmPaired(Tensor x, Tensor y, int neighbors = 30, int eigenpairs = 50, ulong seed = 0,
        DistanceMetric metric = DistanceMetric.Euclidean)
    {
        var (px, py) = SimilarityInputs.PairedPoints(x, y);
        var bx = SpectralBasis.Build(px, neighbors, eigenpairs, metric, seed: seed);
        var by = SpectralBasis.Build(py, neighbors, eigenpairs, metric, seed: seed);
        // With a full correspondence, the induced map is the projection C = Phi_Y^T Phi_X.
        return Lfm(by.PhiMatrix.TransposeThisAndMultiply(bx.PhiMatrix));
    }
}
