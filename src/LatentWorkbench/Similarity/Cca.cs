using LatentWorkbench.Engine;
using LatentWorkbench.Interop;
using MathNet.Numerics.LinearAlgebra;

namespace LatentWorkbench.Similarity;

/// <summary>Canonical-correlation similarities: SVCCA (Raghu et al. 2017) and PWCCA (Morcos et al. 2018).</summary>
public static class Cca
{
    /// <summary>
    /// Canonical correlations [min(r_x, r_y)] (descending, in [0, 1]) of centred <paramref name="x"/> [n, d_x] and
    /// <paramref name="y"/> [n, d_y], r the column ranks: singular values of Qx^T Qy. Row i of both is the same input.
    /// </summary>
    public static double[] Correlations(Tensor x, Tensor y)
    {
        var (mx, my) = SimilarityInputs.Paired(x, y);
        return Correlations(mx, my);
    }

    internal static double[] Correlations(Matrix<double> x, Matrix<double> y)
    {
        var (qx, _) = Orthonormal(x.CenterColumns());
        var (qy, _) = Orthonormal(y.CenterColumns());
        return qx.TransposeThisAndMultiply(qy).Svd(false).S.Select(v => Math.Min(1.0, v)).ToArray();
    }

    /// <summary>
    /// SVCCA of paired <paramref name="x"/> [n, d_x] and <paramref name="y"/> [n, d_y]: keep the top singular directions
    /// explaining <paramref name="varianceKept"/> of each space's variance (Raghu et al.: 0.99), then the mean canonical correlation.
    /// </summary>
    /// <example><code>double s = Cca.Svcca(layerA, layerB); // paired [n, d_a] and [n, d_b], the same n inputs</code></example>
    public static double Svcca(Tensor x, Tensor y, double varianceKept = 0.99)
    {
        var (mx, my) = SimilarityInputs.Paired(x, y);
        var rho = Correlations(Reduce(mx, varianceKept), Reduce(my, varianceKept));
        return rho.Average();
    }

    /// <summary>PWCCA of paired <paramref name="x"/> [n, d_x] and <paramref name="y"/> [n, d_y]: canonical correlations weighted by how much of X each canonical variate accounts for.</summary>
    /// <example><code>double s = Cca.Pwcca(layerA, layerB); // not symmetric: the weights come from layerA</code></example>
    public static double Pwcca(Tensor x, Tensor y)
    {
        var (mx, my) = SimilarityInputs.Paired(x, y);
        var cx = mx.CenterColumns();
        var (qx, _) = Orthonormal(cx);
        var (qy, _) = Orthonormal(my.CenterColumns());
        var svd = qx.TransposeThisAndMultiply(qy).Svd(true);
        int r = Math.Min(qx.ColumnCount, qy.ColumnCount);
        var variates = qx * svd.U.SubMatrix(0, qx.ColumnCount, 0, r);
        var weights = (variates.TransposeThisAndMultiply(cx)).PointwiseAbs().RowSums();
        double num = 0, den = 0;
        for (int i = 0; i < r; i++) { num += weights[i] * Math.Min(1.0, svd.S[i]); den += weights[i]; }
        return num / den;
    }

    /// <summary>An orthonormal basis of the column space (rank-revealing via SVD) and its rank.</summary>
    private static (Matrix<double> Q, int Rank) Orthonormal(Matrix<double> x)
    {
        var svd = x.Svd(true);
        double tol = svd.S.Count > 0 ? svd.S[0] * 1e-10 * Math.Max(x.RowCount, x.ColumnCount) : 0;
        int rank = svd.S.Count(s => s > tol);
        if (rank == 0) throw new ArgumentException("representation is constant (rank 0); CCA is undefined", nameof(x));
        return (svd.U.SubMatrix(0, x.RowCount, 0, rank), rank);
    }

    private static Matrix<double> Reduce(Matrix<double> x, double kept)
    {
        var c = x.CenterColumns();
        var svd = c.Svd(true);
        double total = svd.S.Sum(s => s * s), acc = 0;
        int r = 0;
        while (r < svd.S.Count && acc < kept * total) { acc += svd.S[r] * svd.S[r]; r++; }
        r = Math.Max(r, 1);
        return svd.U.SubMatrix(0, c.RowCount, 0, r) * Matrix<double>.Build.DenseOfDiagonalArray(svd.S.Take(r).ToArray());
    }
}
