using LatentWorkbench.Engine;
using LatentWorkbench.FunctionalMaps;
using LatentWorkbench.Interop;
using MathNet.Numerics.LinearAlgebra;

namespace LatentWorkbench.Similarity;

/// <summary>Baselines for aligning two spaces from a few anchors: Procrustes on the anchors, and relative representations.</summary>
public static class AlignmentBaselines
{
    /// <summary>
    /// <paramref name="x"/> [n_X, d_X] mapped into the space of <paramref name="y"/> [n_Y, d_Y], giving [n_X, d_Y], by the
    /// orthogonal map fitted on the <paramref name="anchors"/> (row of x, row of y; at least 2) only, centred on the anchor means.
    /// </summary>
    /// <example><code>
    /// (int, int)[] pairs = [(0, 0), (5, 5), (9, 9), (12, 12), (20, 20)];
    /// double mrr = Retrieval.MeanReciprocalRank(AlignmentBaselines.ProcrustesOnAnchors(latentsA, latentsB, pairs), latentsB);
    /// </code></example>
    public static Tensor ProcrustesOnAnchors(Tensor x, Tensor y, IReadOnlyList<(int X, int Y)> anchors) =>
        ProcrustesOnAnchors(x.ToMatrix(), y.ToMatrix(), anchors).ToTensor();

    internal static Matrix<double> ProcrustesOnAnchors(Matrix<double> x, Matrix<double> y, IReadOnlyList<(int X, int Y)> anchors)
    {
        if (anchors.Count < 2) throw new ArgumentException($"anchors: Procrustes needs at least 2 anchor pairs, got {anchors.Count}", nameof(anchors));
        var ax = Matrix<double>.Build.DenseOfRowVectors(anchors.Select(p => x.Row(p.X)));
        var ay = Matrix<double>.Build.DenseOfRowVectors(anchors.Select(p => y.Row(p.Y)));
        var mx = ax.ColumnSums() / ax.RowCount;
        var my = ay.ColumnSums() / ay.RowCount;
        var r = Procrustes.Rotation(ax - Rows(mx, ax.RowCount), ay - Rows(my, ay.RowCount));
        return (x - Rows(mx, x.RowCount)) * r + Rows(my, x.RowCount);
    }

    /// <summary>Relative representation (Moschella et al. 2023) [n, anchors]: cosine similarity of each row of <paramref name="x"/> [n, d] to each anchor row.</summary>
    /// <example><code>
    /// int[] anchors = [0, 5, 9, 12, 20];
    /// double mrr = Retrieval.MeanReciprocalRank(AlignmentBaselines.Relative(latentsA, anchors), AlignmentBaselines.Relative(latentsB, anchors));
    /// </code></example>
    public static Tensor Relative(Tensor x, IReadOnlyList<int> anchors) => Relative(x.ToMatrix(), anchors).ToTensor();

    internal static Matrix<double> Relative(Matrix<double> x, IReadOnlyList<int> anchors)
    {
        if (anchors.Count < 1) throw new ArgumentException("anchors: need at least one anchor", nameof(anchors));
        var xn = x.NormalizeRows(2.0);
        var a = Matrix<double>.Build.DenseOfRowVectors(anchors.Select(i => xn.Row(i)));
        return xn * a.Transpose();
    }

    private static Matrix<double> Rows(Vector<double> v, int n) => Matrix<double>.Build.Dense(n, v.Count, (_, j) => v[j]);
}
