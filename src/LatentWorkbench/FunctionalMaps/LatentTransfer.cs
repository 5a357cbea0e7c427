using LatentWorkbench.Graphs;
using MathNet.Numerics.LinearAlgebra;

namespace LatentWorkbench.FunctionalMaps;

/// <summary>A fitted map between two latent spaces: y = x W + b.</summary>
public sealed class LatentTransfer
{
    /// <summary>Weights, d_X x d_Y.</summary>
    public Matrix<double> W { get; }

    /// <summary>Bias (zero for linear and orthogonal fits).</summary>
    public Vector<double> Bias { get; }

    private LatentTransfer(Matrix<double> w, Vector<double> bias) { W = w; Bias = bias; }

    /// <summary>Fits the map on paired rows: source[i] should land on target[i].</summary>
    public static LatentTransfer Fit(Matrix<double> source, Matrix<double> target, TransferKind kind)
    {
        if (source.RowCount != target.RowCount)
            throw new ArgumentException($"transfer needs paired rows: source has {source.RowCount}, target {target.RowCount}", nameof(target));
        if (source.RowCount < 2) throw new ArgumentException("transfer needs at least 2 pairs", nameof(source));
        switch (kind)
        {
            case TransferKind.Linear:
                return new LatentTransfer(source.Svd().Solve(target), Vector<double>.Build.Dense(target.ColumnCount));
            case TransferKind.Affine:
            {
                var aug = source.Append(Matrix<double>.Build.Dense(source.RowCount, 1, 1.0));
                var wb = aug.Svd().Solve(target);
                return new LatentTransfer(wb.SubMatrix(0, source.ColumnCount, 0, target.ColumnCount), wb.Row(source.ColumnCount));
            }
            case TransferKind.Orthogonal:
                return new LatentTransfer(Procrustes.Rotation(source, target), Vector<double>.Build.Dense(target.ColumnCount));
            case TransferKind.Rigid:
            {
                // Latent spaces of different seeds are rarely centred at the same place; a rotation about the
                // origin alone would have to absorb the offset.
                var mx = source.ColumnSums() / source.RowCount;
                var my = target.ColumnSums() / target.RowCount;
                var r = Procrustes.Rotation(Matrices.CenterColumns(source), Matrices.CenterColumns(target));
                return new LatentTransfer(r, my - r.TransposeThisAndMultiply(mx));
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown transfer kind");
        }
    }

    /// <summary>Maps rows of x.</summary>
    public Matrix<double> Apply(Matrix<double> x)
    {
        if (x.ColumnCount != W.RowCount) throw new ArgumentException($"x has {x.ColumnCount} columns, the transfer expects {W.RowCount}", nameof(x));
        var y = x * W;
        for (int i = 0; i < y.RowCount; i++) y.SetRow(i, y.Row(i) + Bias);
        return y;
    }

    /// <summary>Maps a point set.</summary>
    public PointSet Apply(PointSet x) => Matrices.ToPoints(Apply(Matrices.FromPoints(x)), "transferred");
}
