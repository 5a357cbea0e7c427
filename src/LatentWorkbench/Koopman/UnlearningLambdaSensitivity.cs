using LatentWorkbench.Engine;
using LatentWorkbench.Engine.Autograd;

namespace LatentWorkbench.Koopman;

/// <summary>
/// A controlled experiment on the class edit's ridge lambda (papers.md: 0.1; our validation picks 1-3). The control is
/// <see cref="SurrogateUnlearning"/>'s validation selection; the interventions change one factor each, with the same
/// study, seed, split and targets: the observables' scale (brought to the paper's preprocessing scale), and the number of
/// retained rows in X_c. The edit minimises ||H Delta - R||^2 + lambda ||X_c Delta||^2 + lambda^2 ||Delta||^2, so scaling
/// the observables by c only reweighs the lambda^2 ridge (by 1/c^2); lambda's main role, weighing the retained rows
/// against the forgotten ones, does not depend on the scale but does on the row counts. A sweep of fixed lambdas on all training rows shows where the edit forgets
/// and what it costs the other classes.
/// </summary>
public static class UnlearningLambdaSensitivity
{
    /// <summary>Runs every condition on <paramref name="study"/>, forgetting <paramref name="forgetClass"/>.</summary>
    /// <example><code>
    /// var study = KoopmanStudyCache.RunOrLoad(KoopmanStudyConfig.YinYang(quick: true));
    /// var r = UnlearningLambdaSensitivity.Run(study, YinYang.Dot);
    /// Console.WriteLine($"chosen {r.Control.Lambda}, at the paper's scale {r.PaperScale.Lambda}; at 0.1 forget {r.At(0.1)!.ForgetAccuracy}");
    /// </code></example>
    public static UnlearningLambdaSensitivityResult Run(KoopmanStudy study, int forgetClass, UnlearningLambdaSensitivityOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(study);
        options ??= new UnlearningLambdaSensitivityOptions();
        options.Validate();
        if ((uint)forgetClass >= (uint)study.Classes) throw new ArgumentOutOfRangeException(nameof(forgetClass), forgetClass, $"must lie in [0, {study.Classes})");
        var data = UnlearningData.FromTraining(study);
        var selection = options.Selection;
        var surrogate = study.SurrogatePredictions();
        var before = ClassifierTraining.PerClassAccuracy(surrogate, study.TestLabels, study.Classes);

        // Scales of what enters the Gram: the observables, and the preprocessed layer the paper's preprocessing normalises.
        double observableRms = RowRms(data.Observables);
        double layerRms;
        using (GradMode.NoGrad()) layerRms = RowRms(study.TrainLayers[0]);
        double factor = layerRms / observableRms;

        int retainedFit = RetainedFitRows(data, forgetClass, selection);
        int fewer = Math.Max(1, (int)Math.Round(options.RetainedFraction * retainedFit));

        var control = Select("control", study, data, forgetClass, selection, 1, retainedFit, before, options.PaperLambda);
        var paperScale = Select("paper scale", study, Scaled(data, (float)factor), forgetClass, selection, factor, retainedFit, before, options.PaperLambda);
        var fewerRetained = Select("fewer retained rows", study, data, forgetClass, selection with { MaxRetainedSamples = fewer }, 1, fewer, before, options.PaperLambda);

        var lambdas = new List<double>(options.Lambdas);
        if (!lambdas.Contains(options.PaperLambda)) lambdas.Add(options.PaperLambda);
        lambdas.Sort();
        var sweep = new List<UnlearningLambdaPoint>(lambdas.Count);
        foreach (double lambda in lambdas)
        {
            var edit = SurrogateUnlearning.EditedOperator(data, forgetClass, selection with { LambdaGrid = null, Lambda = lambda });
            var after = ClassifierTraining.PerClassAccuracy(study.SurrogatePredictions(edit.Operator), study.TestLabels, study.Classes);
            sweep.Add(new UnlearningLambdaPoint(lambda, after, after[forgetClass], WorstLoss(before, after, forgetClass)));
        }
        return new UnlearningLambdaSensitivityResult(forgetClass, before, Accuracy(surrogate, study.TestLabels),
            MajorityAccuracy(study.TrainLabels, study.TestLabels, study.Classes), observableRms, layerRms, factor,
            control, paperScale, fewerRetained, options.PaperLambda, sweep);
    }

    private static UnlearningLambdaCondition Select(string name, KoopmanStudy study, UnlearningData data, int forgetClass,
        UnlearningOptions selection, double scale, int retainedRows, double[] before, double paperLambda)
    {
        var edit = SurrogateUnlearning.EditedOperator(data, forgetClass, selection);
        // A' acts on observables of any scale alike (z -> z A' is linear), so the unscaled test path scores every condition.
        var after = ClassifierTraining.PerClassAccuracy(study.SurrogatePredictions(edit.Operator), study.TestLabels, study.Classes);
        return new UnlearningLambdaCondition(name, edit.Lambda, retainedRows, scale, after, after[forgetClass],
            WorstLoss(before, after, forgetClass), Math.Abs(Math.Log10(edit.Lambda / paperLambda)));
    }

    // Observables times c with the classifier reading images divided by c: the same problem in another scale (up to one
    // float32 rounding per entry).
    private static UnlearningData Scaled(UnlearningData data, float c) =>
        c == 1f ? data : new UnlearningData(data.Observables * c, data.Labels, data.Classes, data.OperatorA,
            images => data.ClassifyImages(images * (1f / c)));

    // The retained rows of the split's fit part: what X_c holds in the control.
    private static int RetainedFitRows(UnlearningData data, int forgetClass, UnlearningOptions selection)
    {
        var split = UnlearningSplit.Stratified(data.Labels, data.Classes, selection.ValidationFraction, selection.Seed);
        int count = 0;
        foreach (int i in split.Fit) if (data.Labels[i] != forgetClass) count++;
        return Math.Min(count, Math.Min(selection.MaxSamples, selection.MaxRetainedSamples));
    }

    private static double RowRms(Tensor x)
    {
        var values = x.Contiguous().ToArray();
        double sum = 0;
        foreach (float v in values) sum += (double)v * v;
        return Math.Sqrt(sum / x.Size(0));
    }

    private static double WorstLoss(double[] before, double[] after, int forgetClass)
    {
        double worst = double.NegativeInfinity;
        for (int c = 0; c < before.Length; c++)
            if (c != forgetClass && !double.IsNaN(before[c])) worst = Math.Max(worst, before[c] - after[c]);
        return worst;
    }

    private static double Accuracy(int[] predictions, int[] labels)
    {
        int correct = 0;
        for (int i = 0; i < labels.Length; i++) if (predictions[i] == labels[i]) correct++;
        return (double)correct / labels.Length;
    }

    private static double MajorityAccuracy(int[] trainLabels, int[] testLabels, int classes)
    {
        var counts = new int[classes];
        foreach (int l in trainLabels) counts[l]++;
        int majority = 0;
        for (int c = 1; c < classes; c++) if (counts[c] > counts[majority]) majority = c;
        int hits = 0;
        foreach (int l in testLabels) if (l == majority) hits++;
        return (double)hits / testLabels.Length;
    }
}
