using LatentWorkbench.Engine;
using LatentWorkbench.Interop;
using MathNet.Numerics.LinearAlgebra;

namespace LatentWorkbench.Similarity;

/// <summary>
/// Retrieval metrics for aligned spaces: query i (a mapped point) should retrieve target i among all
/// targets ranked by cosine similarity.
/// </summary>
public static class Retrieval
{
    /// <summary>1-based rank [n] of the true target for every query; <paramref name="queries"/> [n, d] and <paramref name="targets"/> [n, d] are paired row by row.</summary>
    public static int[] Ranks(Tensor queries, Tensor targets) => Ranks(queries.ToMatrix(), targets.ToMatrix());

    internal static int[] Ranks(Matrix<double> queries, Matrix<double> targets)
    {
        if (queries.RowCount != targets.RowCount)
            throw new ArgumentException($"queries ({queries.RowCount}) and targets ({targets.RowCount}) must be paired row by row", nameof(targets));
        if (queries.ColumnCount != targets.ColumnCount)
            throw new ArgumentException($"queries have {queries.ColumnCount} dims, targets {targets.ColumnCount}", nameof(queries));
        var q = queries.NormalizeRows(2.0);
        var t = targets.NormalizeRows(2.0);
        var sim = q * t.Transpose();
        var ranks = new int[q.RowCount];
        for (int i = 0; i < q.RowCount; i++)
        {
            double own = sim[i, i];
            int better = 0;
            for (int j = 0; j < t.RowCount; j++) if (j != i && sim[i, j] > own) better++;
            ranks[i] = better + 1;
        }
        return ranks;
    }

    /// <summary>
    /// Mean reciprocal rank of paired <paramref name="queries"/> [n, d] and <paramref name="targets"/> [n, d] (cosine); ranks
    /// beyond <paramref name="cutoff"/> count as 0 (paper: top-200). 1 when every query's nearest target is its own.
    /// </summary>
    /// <example><code>double mrr = Retrieval.MeanReciprocalRank(transfer.Apply(latentsA), latentsB, cutoff: 200);</code></example>
    public static double MeanReciprocalRank(Tensor queries, Tensor targets, int cutoff = int.MaxValue) =>
        MeanReciprocalRank(queries.ToMatrix(), targets.ToMatrix(), cutoff);

    internal static double MeanReciprocalRank(Matrix<double> queries, Matrix<double> targets, int cutoff = int.MaxValue) =>
        Ranks(queries, targets).Average(r => r <= cutoff ? 1.0 / r : 0.0);

    /// <summary>Fraction of <paramref name="queries"/> [n, d] whose paired row of <paramref name="targets"/> [n, d] is within the top <paramref name="k"/>.</summary>
    public static double TopK(Tensor queries, Tensor targets, int k) => TopK(queries.ToMatrix(), targets.ToMatrix(), k);

    internal static double TopK(Matrix<double> queries, Matrix<double> targets, int k) =>
        Ranks(queries, targets).Average(r => r <= k ? 1.0 : 0.0);
}
