using LatentWorkbench.Interop;
using LatentWorkbench.Engine;
using MathNet.Numerics.LinearAlgebra;
namespace LatentWorkbench.Koopman;

/// <summary>
/// Applies <see cref="ClassUnlearning"/> to a trained study: H = phi(x0) of the forget class's training points,
/// X_c = phi(x0) of the others, and targets T chosen by <see cref="UnlearningOptions.Target"/> (by default the paper's
/// "A applied to a clean point": the image of one representative point of the class to merge into). Lambda is chosen on a
/// held-out part of the training rows (<see cref="UnlearningOptions.LambdaGrid"/>); the test set is only scored afterwards.
/// </summary>
public static class SurrogateUnlearning
{
    /// <summary>The edited operator A' = K^k + Delta [o, o] (o the observable dimension), chosen from the study's training data only.</summary>
    /// <example><code>
    /// var edit = SurrogateUnlearning.EditedOperator(study, forgetClass: YinYang.Dot);
    /// int[] predictions = study.SurrogatePredictions(edit.Operator);   // [n_test]
    /// Console.WriteLine($"lambda {edit.Lambda}, merged into class {edit.TargetClass}");
    /// </code></example>
    public static UnlearningEdit EditedOperator(KoopmanStudy study, int forgetClass, UnlearningOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(study);
        return EditedOperator(UnlearningData.FromTraining(study), forgetClass, options);
    }

    /// <summary>
    /// The edited operator from training observables: with a lambda grid, built from the split's fit rows and chosen by the
    /// validation rows' per-class accuracy; without one, the paper's fixed lambda on all rows.
    /// </summary>
    public static UnlearningEdit EditedOperator(UnlearningData data, int forgetClass, UnlearningOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        options ??= new UnlearningOptions();
        Validate(data, forgetClass, options);
        var labels = data.Labels;
        if (options.LambdaGrid is null)
        {
            var all = new int[labels.Length];
            for (int i = 0; i < all.Length; i++) all[i] = i;
            var fixedProblem = Problem(data, all, forgetClass, options);
            var fixedEdit = ClassUnlearning.Edit(data.OperatorMatrix, fixedProblem.H, fixedProblem.Xc, fixedProblem.Targets, options.Lambda);
            return new UnlearningEdit(fixedEdit.ToTensor(), options.Lambda, fixedProblem.TargetClass, null, null, []);
        }

        var split = UnlearningSplit.Stratified(labels, data.Classes, options.ValidationFraction, options.Seed);
        int forgetValidation = 0;
        foreach (int i in split.Validation) if (labels[i] == forgetClass) forgetValidation++;
        if (forgetValidation == 0)
            throw new ArgumentException($"class {forgetClass} has too few training rows to hold any out for validation; need at least 2, or set LambdaGrid = null", nameof(forgetClass));
        var problem = Problem(data, split.Fit, forgetClass, options);
        var validationZ = Rows(data.ObservableMatrix, split.Validation);
        var validationLabels = new int[split.Validation.Length];
        for (int i = 0; i < validationLabels.Length; i++) validationLabels[i] = labels[split.Validation[i]];
        var before = ClassifierTraining.PerClassAccuracy(data.ClassifyImages(validationZ * data.OperatorMatrix), validationLabels, data.Classes);

        var retainedGram = problem.Xc.TransposeThisAndMultiply(problem.Xc);
        var forgetGram = problem.H.TransposeThisAndMultiply(problem.H);
        var forgetResidual = problem.H.TransposeThisAndMultiply(problem.Targets - problem.H * data.OperatorMatrix);
        // Larger lambdas first, so that a tie goes to the smaller (more conservative) edit.
        var grid = new List<double>(options.LambdaGrid);
        grid.Sort((x, y) => y.CompareTo(x));
        var candidates = new List<UnlearningCandidate>(grid.Count);
        Matrix<double>? bestOperator = null;
        UnlearningCandidate? best = null;
        foreach (double lambda in grid)
        {
            var edited = lambda > 0
                ? ClassUnlearning.EditFromGrams(data.OperatorMatrix, retainedGram, forgetGram, forgetResidual, lambda)
                : ClassUnlearning.Edit(data.OperatorMatrix, problem.H, problem.Xc, problem.Targets, lambda);
            var after = ClassifierTraining.PerClassAccuracy(data.ClassifyImages(validationZ * edited), validationLabels, data.Classes);
            double worst = double.NegativeInfinity;
            for (int c = 0; c < after.Length; c++)
                if (c != forgetClass && !double.IsNaN(before[c])) worst = Math.Max(worst, before[c] - after[c]);
            var candidate = new UnlearningCandidate(lambda, after, after[forgetClass], worst);
            candidates.Add(candidate);
            if (best is null || Better(candidate, best, options.MaxForgetAccuracy)) { best = candidate; bestOperator = edited; }
        }
        candidates.Reverse();
        return new UnlearningEdit(bestOperator!.ToTensor(), best!.Lambda, problem.TargetClass, split, before, candidates);
    }

    /// <summary>Edits the operator (choosing it on training data) and scores the surrogate per class on the test set.</summary>
    /// <example><code>
    /// var study = KoopmanStudyCache.RunOrLoad(KoopmanStudyConfig.YinYang(quick: true));
    /// var result = SurrogateUnlearning.Run(study, forgetClass: YinYang.Dot);          // Before, After [3]
    /// Console.WriteLine($"dot {result.Before[YinYang.Dot]:P1} -> {result.After[YinYang.Dot]:P1}, lambda {result.Lambda}");
    /// </code></example>
    public static UnlearningResult Run(KoopmanStudy study, int forgetClass, UnlearningOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(study);
        var edit = EditedOperator(study, forgetClass, options);
        var before = ClassifierTraining.PerClassAccuracy(study.SurrogatePredictions(), study.TestLabels, study.Classes);
        var predictions = study.SurrogatePredictions(edit.Operator);
        var after = ClassifierTraining.PerClassAccuracy(predictions, study.TestLabels, study.Classes);
        return new UnlearningResult(forgetClass, before, after, predictions, edit);
    }

    // Qualifying candidates (forget class at most the threshold) beat the rest. Among them the smaller worst retained loss
    // wins, then the lower forget accuracy; among the rest the lower forget accuracy, then the smaller worst loss. Only
    // strictly better replaces: the earlier (larger, more conservative) lambda keeps full ties.
    private static bool Better(UnlearningCandidate c, UnlearningCandidate best, double maxForget)
    {
        const double eps = 1e-12;
        bool q = c.ForgetAccuracy <= maxForget, qBest = best.ForgetAccuracy <= maxForget;
        if (q != qBest) return q;
        double forget = c.ForgetAccuracy - best.ForgetAccuracy, loss = c.WorstRetainedLoss - best.WorstRetainedLoss;
        var (first, second) = q ? (loss, forget) : (forget, loss);
        if (Math.Abs(first) > eps) return first < 0;
        return second < -eps;
    }

    private static void Validate(UnlearningData data, int forgetClass, UnlearningOptions options)
    {
        if ((uint)forgetClass >= (uint)data.Classes) throw new ArgumentOutOfRangeException(nameof(forgetClass), forgetClass, $"must lie in [0, {data.Classes})");
        if (options.MaxSamples < 1) throw new ArgumentOutOfRangeException(nameof(options), options.MaxSamples, "MaxSamples must be positive");
        if (options.MaxRetainedSamples < 1) throw new ArgumentOutOfRangeException(nameof(options), options.MaxRetainedSamples, "MaxRetainedSamples must be positive");
        if (options.TargetClass is { } tc && ((uint)tc >= (uint)data.Classes || tc == forgetClass))
            throw new ArgumentOutOfRangeException(nameof(options), tc, $"TargetClass must be a retained class in [0, {data.Classes})");
        if (options.LambdaGrid is { } grid)
        {
            if (grid.Count == 0) throw new ArgumentOutOfRangeException(nameof(options), "LambdaGrid is empty; give at least one lambda or null for the fixed Lambda");
            foreach (double l in grid)
                if (!(l >= 0) || !double.IsFinite(l)) throw new ArgumentOutOfRangeException(nameof(options), l, "LambdaGrid values must be finite and non-negative");
            if (!(options.MaxForgetAccuracy >= 0 && options.MaxForgetAccuracy <= 1))
                throw new ArgumentOutOfRangeException(nameof(options), options.MaxForgetAccuracy, "MaxForgetAccuracy must lie in [0, 1]");
        }
        bool any = false;
        foreach (int l in data.Labels) if (l == forgetClass) { any = true; break; }
        if (!any) throw new ArgumentException($"class {forgetClass} has no training samples to forget", nameof(forgetClass));
    }

    private sealed record EditProblem(Matrix<double> H, Matrix<double> Xc, Matrix<double> Targets, int? TargetClass);

    // H, X_c and T from the given training rows only.
    private static EditProblem Problem(UnlearningData data, int[] rows, int forgetClass, UnlearningOptions options)
    {
        var labels = data.Labels;
        var forgetRows = new List<int>();
        var keepRows = new List<int>();
        foreach (int i in rows) (labels[i] == forgetClass ? forgetRows : keepRows).Add(i);
        if (forgetRows.Count == 0) throw new ArgumentException($"class {forgetClass} has no training samples to forget", nameof(forgetClass));
        if (keepRows.Count == 0) throw new ArgumentException($"no retained training samples besides class {forgetClass}", nameof(forgetClass));
        var rng = new Generator(options.Seed);
        var z = data.ObservableMatrix;
        var a = data.OperatorMatrix;
        var h = Rows(z, Sample(forgetRows, options.MaxSamples, rng));
        var xc = Rows(z, Sample(keepRows, Math.Min(options.MaxSamples, options.MaxRetainedSamples), rng));
        if (options.Target == UnlearningTarget.NearestRetained)
            return new EditProblem(h, xc, Rows(xc, NearestRows(h, xc)) * a, null);
        var rowLabels = new int[rows.Length];
        for (int i = 0; i < rows.Length; i++) rowLabels[i] = labels[rows[i]];
        var images = Rows(z, rows) * a;
        int targetClass = options.TargetClass ?? NearestClass(images, rowLabels, forgetClass, data.Classes);
        var t = images.Row(CentrePoint(images, rowLabels, targetClass));
        return new EditProblem(h, xc, Matrix<double>.Build.Dense(h.RowCount, a.ColumnCount, (_, j) => t[j]), targetClass);
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

/// <summary>
/// An edited operator A' = A + Delta and how it was chosen: the lambda used, the class merged into (null for per-row
/// targets), and, when lambda was selected, the split, the validation accuracy before the edit and every candidate's scores.
/// </summary>
/// <param name="Operator">A' [o, o], o the observable dimension; observables map as z -> z A'.</param>
/// <param name="Lambda">The lambda of the edit (chosen from the grid, or the fixed one).</param>
/// <param name="TargetClass">The retained class the forgotten one was merged into; null for per-row targets.</param>
/// <param name="Split">The training rows that built the edit and those that scored it; null when lambda was fixed.</param>
/// <param name="ValidationBefore">Per-class validation accuracy of the unedited surrogate [classes]; null when lambda was fixed.</param>
/// <param name="Candidates">Every lambda of the grid with its validation scores, by ascending lambda [grid]; empty when lambda was fixed.</param>
public sealed record UnlearningEdit(
    Tensor Operator,
    double Lambda,
    int? TargetClass,
    UnlearningSplit? Split,
    double[]? ValidationBefore,
    IReadOnlyList<UnlearningCandidate> Candidates)
{
    /// <summary>The chosen candidate (null when lambda was fixed).</summary>
    public UnlearningCandidate? Chosen
    {
        get
        {
            foreach (var c in Candidates) if (c.Lambda == Lambda) return c;
            return null;
        }
    }
}

/// <summary>
/// Per-class test accuracy of the surrogate before and after forgetting <see cref="ForgetClass"/>, with the edit that was
/// applied (its lambda, the class merged into, and the validation scores that chose it). The test set is used here only.
/// </summary>
/// <param name="ForgetClass">The class the edit removes.</param>
/// <param name="Before">Per-class test accuracy of the unedited surrogate [classes] (NaN for a class without test rows).</param>
/// <param name="After">Per-class test accuracy with the edited operator [classes].</param>
/// <param name="PredictionsAfter">The edited surrogate's predicted class of every test row [n_test].</param>
/// <param name="Edit">The applied edit and how it was chosen.</param>
public sealed record UnlearningResult(int ForgetClass, double[] Before, double[] After, int[] PredictionsAfter, UnlearningEdit Edit)
{
    /// <summary>The class the forgotten one was merged into (null when each row had its own target).</summary>
    public int? TargetClass => Edit.TargetClass;
    /// <summary>The lambda of the applied edit.</summary>
    public double Lambda => Edit.Lambda;

    /// <summary>
    /// The largest test-accuracy loss of a retained class, before minus after (negative when every retained class
    /// gained): what the edit costs the classes it should keep (the paper's Yin-Yang edit: at most about 0.03).
    /// </summary>
    public double WorstRetainedLoss
    {
        get
        {
            double worst = double.NegativeInfinity;
            for (int c = 0; c < Before.Length; c++)
                if (c != ForgetClass) worst = Math.Max(worst, Before[c] - After[c]);
            return worst;
        }
    }
}

/// <summary>
/// One lambda of the grid scored on the validation rows: per-class accuracy after its edit [classes], the forget class's
/// accuracy and the largest accuracy loss of a retained class (validation before minus after; negative when all gained).
/// </summary>
public sealed record UnlearningCandidate(double Lambda, double[] ValidationAfter, double ForgetAccuracy, double WorstRetainedLoss);

/// <summary>
/// A seeded, class-stratified split of the training rows into the rows that build the edit (H, X_c, targets) and the
/// rows that score candidate settings. Both index the training set only: the test set plays no part in choosing the edit.
/// </summary>
/// <param name="Fit">Training row indices that build the edit, ascending, [n_fit].</param>
/// <param name="Validation">Training row indices that score the candidates, ascending, [n_validation].</param>
public sealed record UnlearningSplit(int[] Fit, int[] Validation)
{
    /// <summary>
    /// Puts round(fraction * count) rows of every class (at least one, never all) into validation, chosen by
    /// <paramref name="seed"/>; a class with a single row stays in the fit part. <paramref name="labels"/> [n] in 0..classes-1.
    /// </summary>
    public static UnlearningSplit Stratified(int[] labels, int classes, double validationFraction, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (!(validationFraction > 0 && validationFraction < 1))
            throw new ArgumentOutOfRangeException(nameof(validationFraction), validationFraction, "the validation fraction must lie in (0, 1)");
        var byClass = new List<int>[classes];
        for (int c = 0; c < classes; c++) byClass[c] = [];
        for (int i = 0; i < labels.Length; i++)
        {
            if ((uint)labels[i] >= (uint)classes) throw new ArgumentException($"label {labels[i]} at row {i} is outside [0, {classes})", nameof(labels));
            byClass[labels[i]].Add(i);
        }
        var rng = new LatentWorkbench.Engine.Generator(seed);
        var fit = new List<int>(labels.Length);
        var validation = new List<int>();
        foreach (var rows in byClass)
        {
            if (rows.Count == 0) continue;
            int take = rows.Count == 1 ? 0 : Math.Clamp((int)Math.Round(validationFraction * rows.Count), 1, rows.Count - 1);
            var perm = rng.Permutation(rows.Count);
            for (int i = 0; i < rows.Count; i++) (i < take ? validation : fit).Add(rows[perm[i]]);
        }
        fit.Sort();
        validation.Sort();
        return new UnlearningSplit([.. fit], [.. validation]);
    }
}
