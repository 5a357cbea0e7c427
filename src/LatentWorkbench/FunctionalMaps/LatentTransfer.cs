using LatentWorkbench.Engine;
using LatentWorkbench.Interop;
using MathNet.Numerics.LinearAlgebra;

namespace LatentWorkbench.FunctionalMaps;

/// <summary>A fitted map between two latent spaces: y = x W + b.</summary>
public sealed class LatentTransfer
{
    /// <summary>Weights [d_X, d_Y] (rounded to float; the transfer applies the double weights).</summary>
    public Tensor W => Weights.ToTensor();

    /// <summary>Bias [d_Y] (zero for linear and orthogonal fits).</summary>
    public Tensor Bias => Offset.ToTensor();

    internal Matrix<double> Weights { get; }

    internal Vector<double> Offset { get; }

    private LatentTransfer(Matrix<double> w, Vector<double> bias) { Weights = w; Offset = bias; }

    /// <summary>Fits the map on paired rows: row i of <paramref name="source"/> [n, d_X] should land on row i of <paramref name="target"/> [n, d_Y] (n &gt;= 2).</summary>
    /// <example><code>
    /// var transfer = LatentTransfer.Fit(latentsA, latentsB, TransferKind.Rigid);   // W [d_X, d_Y], Bias [d_Y]
    /// var mapped = transfer.Apply(latentsA);                                          // [n, d_Y]
    /// </code></example>
    public static LatentTransfer Fit(Tensor source, Tensor target, TransferKind kind) => Fit(source.ToMatrix(), target.ToMatrix(), kind);

    internal static LatentTransfer Fit(Matrix<double> source, Matrix<double> target, TransferKind kind)
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
                var r = Procrustes.Rotation(source.CenterColumns(), target.CenterColumns());
                return new LatentTransfer(r, my - r.TransposeThisAndMultiply(mx));
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown transfer kind");
        }
    }

    /// <summary>Maps the rows of <paramref name="x"/> [n, d_X] to [n, d_Y] (computed in double, rounded to float once).</summary>
    public Tensor Apply(Tensor x) => Apply(x.ToMatrix()).ToTensor();

    internal Matrix<double> Apply(Matrix<double> x)
    {
        if (x.ColumnCount != Weights.RowCount) throw new ArgumentException($"x has {x.ColumnCount} columns, the transfer expects {Weights.RowCount}", nameof(x));
        var y = x * Weights;
        for (int i = 0; i < y.RowCount; i++) y.SetRow(i, y.Row(i) + Offset);
        return y;
    }
}
