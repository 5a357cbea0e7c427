using LatentWorkbench.Engine;
using LatentWorkbench.Engine.Autograd;
using MathNet.Numerics.LinearAlgebra;

namespace LatentWorkbench.Koopman;

/// <summary>
/// Applies <see cref="ClassUnlearning"/> to a trained study: H = phi(x0) of the forget class's training points,
/// X_c = phi(x0) of all others, and targets T chosen by <see cref="UnlearningOptions.Target"/> (by default the paper's
/// "A applied to a clean point": the image of one representative point of the class to merge into).
/// </summary>
public static class SurrogateUnlearning
{
    /// <summary>The edited operator A' = K^k + Delta and the class merged into (null for per-row targets).</summary>
    public static (Tensor Operator, int? TargetClass) EditedOperator(KoopmanStudy study, int forgetClass, UnlearningOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(study);
        options ??= new UnlearningOptions();
        if ((uint)forgetClass >= (uint)study.Classes) throw new ArgumentOutOfRangeException(nameof(forgetClass), forgetClass, $"must lie in [0, {study.Classes})");
        if (options.MaxSamples < 1) throw new ArgumentOutOfRangeException(nameof(options), options.MaxSamples, "MaxSamples must be positive");
        if (options.TargetClass is { } tc && ((uint)tc >= (uint)study.Classes || tc == forgetClass))
            throw new ArgumentOutOfRangeException(nameof(options), tc, $"TargetClass must be a retained class in [0, {study.Classes})");
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
        if (keepRows.Count == 0) throw new ArgumentException($"no retained training samples besides class {forgetClass}", nameof(forgetClass));
        var rng = new Generator(options.Seed);
        var h = Rows(z, Sample(forgetRows, options.MaxSamples, rng));
        var xc = Rows(z, Sample(keepRows, options.MaxSamples, rng));
        Matrix<double> targets;
        int? targetClass = null;
        if (options.Target == UnlearningTarget.NearestRetained)
        {
            targets = Rows(xc, NearestRows(h, xc)) * a;
        }
        else
        {
            var images = z * a;
            targetClass = options.TargetClass ?? NearestClass(images, labels, forgetClass, study.Classes);
            var t = images.Row(CentrePoint(images, labels, targetClass.Value));
            targets = Matrix<double>.Build.Dense(h.RowCount, a.ColumnCount, (_, j) => t[j]);
        }
        return (LayerPreprocessing.ToTensor(ClassUnlearning.Edit(a, h, xc, targets, options.Lambda)), targetClass);
    }

    /// <summary>Edits the operator and scores the surrogate per class before and after.</summary>
    public static UnlearningResult Run(KoopmanStudy study, int forgetClass, UnlearningOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(study);
        var before = ClassifierTraining.PerClassAccuracy(study.SurrogatePredictions(), study.TestLabels, study.Classes);
        var (edited, targetClass) = EditedOperator(study, forgetClass, options);
        var predictions = study.SurrogatePredictions(edited);
        var after = ClassifierTraining.PerClassAccuracy(predictions, study.TestLabels, study.Classes);
        return new UnlearningResult(forgetClass, before, after, predictions, targetClass);
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

    private static Vector<double> ClassMean(Matrix<double> images, int[] labels, int cls)
    {
        var mean = Vector<double>.Build.Dense(images.ColumnCount);
        int count = 0;
        for (int i = 0; i < labels.Length; i++)
            if (labels[i] == cls) { mean += images.Row(i); count++; }
        return count == 0 ? mean : mean / count;
    }

    // The retained class (with samples) whose mean image lies nearest the forget class's mean image.
    private static int NearestClass(Matrix<double> images, int[] labels, int forgetClass, int classes)
    {
        var present = new bool[classes];
        foreach (int l in labels) present[l] = true;
        var forgetMean = ClassMean(images, labels, forgetClass);
        int best = -1;
        double bestDistance = double.PositiveInfinity;
        for (int c = 0; c < classes; c++)
        {
            if (c == forgetClass || !present[c]) continue;
            double d = (ClassMean(images, labels, c) - forgetMean).L2Norm();
            if (d < bestDistance) { bestDistance = d; best = c; }
        }
        return best;
    }

    // The training point of class cls whose image is nearest the class's mean image.
    private static int CentrePoint(Matrix<double> images, int[] labels, int cls)
    {
        var mean = ClassMean(images, labels, cls);
        int best = -1;
        double bestDistance = double.PositiveInfinity;
        for (int i = 0; i < labels.Length; i++)
        {
            if (labels[i] != cls) continue;
            double d = (images.Row(i) - mean).L2Norm();
            if (d < bestDistance) { bestDistance = d; best = i; }
        }
        if (best < 0) throw new ArgumentException($"target class {cls} has no training samples", nameof(labels));
        return best;
    }

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
