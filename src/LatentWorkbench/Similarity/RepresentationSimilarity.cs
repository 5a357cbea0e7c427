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

    /// <summary>Orthogonal Procrustes distance sqrt(2 - 2 ||X^T Y||_*) of centered, unit-Frobenius X and Y (0 when equal up to rotation).</summary>
    public static double ProcrustesDistance(Tensor x, Tensor y)
    {
        var (mx, my) = SimilarityInputs.Paired(x, y);
        mx = mx.CenterColumns(); my = my.CenterColumns();
        mx /= mx.FrobeniusNorm(); my /= my.FrobeniusNorm();
        double nuclear = mx.TransposeThisAndMultiply(my).Svd(false).S.Sum();
        return Math.Sqrt(Math.Max(0, 2 - 2 * nuclear));
    }

    /// <summary>Mutual kNN alignment (Huh et al. 2024): mean fraction of shared k nearest neighbours (cosine).</summary>
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
    /// perturbation experiment's graphs (Euclidean kNN, k = 30, gaussian kernel, 50 eigenvectors).
    /// </summary>
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
