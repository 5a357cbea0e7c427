using LatentWorkbench.Engine;
using LatentWorkbench.Interop;
using MathNet.Numerics.LinearAlgebra;

namespace LatentWorkbench.FunctionalMaps;

/// <summary>Orthogonal Procrustes: the rotation R (d_X x d_Y, orthonormal columns or rows) minimising ||X R - Y||_F.</summary>
public static class Procrustes
{
    /// <summary>R [d_X, d_Y] = U V^T from the SVD of X^T Y for paired rows <paramref name="x"/> [n, d_X] and <paramref name="y"/> [n, d_Y] (dimensions may differ: R is then a partial isometry).</summary>
    public static Tensor Rotation(Tensor x, Tensor y) => Rotation(x.ToMatrix(), y.ToMatrix()).ToTensor();

    internal static Matrix<double> Rotation(Matrix<double> x, Matrix<double> y)
    {
        if (x.RowCount != y.RowCount) throw new ArgumentException($"Procrustes needs paired rows: {x.RowCount} vs {y.RowCount}", nameof(y));
        var svd = (x.TransposeThisAndMultiply(y)).Svd(true);
        int r = Math.Min(x.ColumnCount, y.ColumnCount);
        return svd.U.SubMatrix(0, x.ColumnCount, 0, r) * svd.VT.SubMatrix(0, r, 0, y.ColumnCount);
    }
}
