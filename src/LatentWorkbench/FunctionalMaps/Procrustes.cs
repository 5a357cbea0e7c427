using MathNet.Numerics.LinearAlgebra;

namespace LatentWorkbench.FunctionalMaps;

/// <summary>Orthogonal Procrustes: the rotation R (d_X x d_Y, orthonormal columns or rows) minimising ||X R - Y||_F.</summary>
public static class Procrustes
{
    /// <summary>R = U V^T from the SVD of X^T Y (dimensions may differ: R is then a partial isometry).</summary>
    public static Matrix<double> Rotation(Matrix<double> x, Matrix<double> y)
    {
        if (x.RowCount != y.RowCount) throw new ArgumentException($"Procrustes needs paired rows: {x.RowCount} vs {y.RowCount}", nameof(y));
        var svd = (x.TransposeThisAndMultiply(y)).Svd(true);
        int r = Math.Min(x.ColumnCount, y.ColumnCount);
        return svd.U.SubMatrix(0, x.ColumnCount, 0, r) * svd.VT.SubMatrix(0, r, 0, y.ColumnCount);
    }
}
