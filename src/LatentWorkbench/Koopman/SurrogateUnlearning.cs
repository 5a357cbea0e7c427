using LatentWorkbench.Engine;
using LatentWorkbench.Engine.Autograd;
using MathNet.Numerics.LinearAlgebra;

namespace LatentWorkbench.Koopman;

/// <summary>
/// Applies <see cref="ClassUnlearning"/> to a trained study: H = phi(x0) of the forget class's training points,
/// X_c = phi(x0) of all others, and each target row T_i = z_j A where z_j is the retained observable nearest to H_i
/// (so a forgotten point is sent where its closest clean neighbour goes).
/// </summary>
public static class SurrogateUnlearning
{
    /// <summary>The edited operator A' = K^k + Delta.</summary>
    /// <remarks>At most <paramref name="maxSamples"/> rows (seeded choice) enter H and X_c each: fewer retained rows weaken C0's protection.</remarks>
    public static Tensor EditedOperator(KoopmanStudy study, int forgetClass, double lambda = 0.1, int maxSamples = int.MaxValue, ulong seed = 0)
    {
        if ((uint)forgetClass >= (uint)study.Classes) throw new ArgumentOutOfRangeException(nameof(forgetClass), forgetClass, $"must lie in [0, {study.Classes})");
        Matrix<double> z, a;
        using (GradMode.NoGrad())
        {
            z = LayerPreprocessing.ToMatrix(study.Surrogate.Encode(study.TrainLayers[0]));
            a = LayerPreprocessing.ToMatrix(study.Surrogate.FullOperator());
        }
        var labels = study.TrainLabels;
        var forgetRows = new List<int>();
        var keepRows = new List<int>();
        for (int i = 0; i < labels.Length; i++) (labels[i] == forgetClass ? forgetRows : keepRows).Add(i);
        if (forgetRows.Count == 0) throw new ArgumentException($"class {forgetClass} has no training samples to forget", nameof(forgetClass));
        if (maxSamples < 1) throw new ArgumentOutOfRangeException(nameof(maxSamples), maxSamples, "must be positive");
        var rng = new Generator(seed);
        forgetRows = Sample(forgetRows, maxSamples, rng);
        keepRows = Sample(keepRows, maxSamples, rng);
        var h = Rows(z, forgetRows);
        var xc = Rows(z, keepRows);
        var targets = Rows(xc, NearestRows(h, xc)) * a;
        return LayerPreprocessing.ToTensor(ClassUnlearning.Edit(a, h, xc, targets, lambda));
    }

    /// <summary>Edits the operator and scores the surrogate per class before and after.</summary>
    public static UnlearningResult Run(KoopmanStudy study, int forgetClass, double lambda = 0.1, int maxSamples = int.MaxValue, ulong seed = 0)
    {
        var before = ClassifierTraining.PerClassAccuracy(study.SurrogatePredictions(), study.TestLabels, study.Classes);
        var edited = EditedOperator(study, forgetClass, lambda, maxSamples, seed);
        var predictions = study.SurrogatePredictions(edited);
        var after = ClassifierTraining.PerClassAccuracy(predictions, study.TestLabels, study.Classes);
        return new UnlearningResult(forgetClass, before, after, predictions);
    }

    private static List<int> Sample(List<int> rows, int max, Generator rng)
    {
        if (rows.Count <= max) return rows;
        var perm = rng.Permutation(rows.Count);
        var picked = new List<int>(max);
        for (int i = 0; i < max; i++) picked.Add(rows[perm[i]]);
        picked.Sort();
        return picked;
    }

    private static Matrix<double> Rows(Matrix<double> m, IReadOnlyList<int> rows) =>
        Matrix<double>.Build.Dense(rows.Count, m.ColumnCount, (i, j) => m[rows[i], j]);

    // For each query row, the index of the closest pool row (squared distance up to the query norm).
    private static int[] NearestRows(Matrix<double> queries, Matrix<double> pool)
    {
        var cross = queries * pool.Transpose();
        var poolNorms = pool.RowNorms(2.0);
        var nearest = new int[queries.RowCount];
        for (int i = 0; i < queries.RowCount; i++)
        {
            double best = double.PositiveInfinity;
            for (int j = 0; j < pool.RowCount; j++)
            {
                double d = poolNorms[j] * poolNorms[j] - 2 * cross[i, j];
                if (d < best) { best = d; nearest[i] = j; }
            }
        }
        return nearest;
    }
}
