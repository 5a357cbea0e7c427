namespace LatentWorkbench.Koopman;

/// <summary>
/// One study's answer to why our chosen lambda differs from the paper's: the control (our validation selection), the
/// same selection with the observables at the paper's preprocessing scale, with fewer retained rows in X_c, and a sweep of
/// fixed lambdas. Accuracies are on the test set, which chose nothing.
/// </summary>
/// <param name="ForgetClass">The class the edit removes.</param>
/// <param name="Before">Per-class test accuracy of the unedited surrogate [classes].</param>
/// <param name="SurrogateAccuracy">Overall test accuracy of the unedited surrogate.</param>
/// <param name="MajorityAccuracy">Test accuracy of always predicting the most frequent training class (the surrogate must beat it).</param>
/// <param name="ObservableRms">Root mean square row norm of the training observables phi(x0), the rows of the Gram X_c^T X_c (uncentred).</param>
/// <param name="LayerRms">The same of the preprocessed first layer, whose Frobenius norm the paper's preprocessing fixes at 100.</param>
/// <param name="ScaleFactor">LayerRms / ObservableRms, what the paper-scale condition multiplies the observables by.</param>
/// <param name="Control">Our selection as <c>lwb reproduce unlearning</c> runs it.</param>
/// <param name="PaperScale">The same selection on observables times <paramref name="ScaleFactor"/> (lambda in the paper's scale).</param>
/// <param name="FewerRetained">The same selection with X_c cut to a share of its rows.</param>
/// <param name="PaperLambda">The paper's lambda, always one of the sweep's.</param>
/// <param name="Sweep">Every fixed lambda on all training rows [lambdas], ascending.</param>
public sealed record UnlearningLambdaSensitivityResult(
    int ForgetClass,
    double[] Before,
    double SurrogateAccuracy,
    double MajorityAccuracy,
    double ObservableRms,
    double LayerRms,
    double ScaleFactor,
    UnlearningLambdaCondition Control,
    UnlearningLambdaCondition PaperScale,
    UnlearningLambdaCondition FewerRetained,
    double PaperLambda,
    IReadOnlyList<UnlearningLambdaPoint> Sweep)
{
    /// <summary>The surrogate is no better than predicting the majority class: nothing read off it means anything.</summary>
    public bool Degenerate => !(SurrogateAccuracy > MajorityAccuracy);

    /// <summary>The sweep point at the paper's lambda (the paper's protocol: fixed lambda, all training rows).</summary>
    public UnlearningLambdaPoint AtPaperLambda => At(PaperLambda) ?? throw new InvalidOperationException($"the sweep lacks the paper's lambda {PaperLambda}");

    /// <summary>The sweep point at <paramref name="lambda"/>, or null when the sweep lacks it.</summary>
    public UnlearningLambdaPoint? At(double lambda)
    {
        foreach (var p in Sweep) if (p.Lambda == lambda) return p;
        return null;
    }
}

/// <summary>
/// A lambda selection under one condition and the test scores of the edit it chose.
/// </summary>
/// <param name="Name">The condition: "control", "paper scale" or "fewer retained rows".</param>
/// <param name="Lambda">The lambda chosen on the validation rows (in the condition's observable scale).</param>
/// <param name="RetainedRows">Rows of X_c the edit was built from.</param>
/// <param name="Scale">Factor the observables were multiplied by (1 for the control).</param>
/// <param name="After">Per-class test accuracy after the chosen edit [classes].</param>
/// <param name="ForgetAccuracy">Test accuracy of the forget class after the edit.</param>
/// <param name="WorstRetainedLoss">Largest test-accuracy loss of a retained class, before minus after.</param>
/// <param name="Log10DistanceFromPaper">|log10(Lambda / paper lambda)|: 0 at the paper's lambda, 1 a decade away.</param>
public sealed record UnlearningLambdaCondition(string Name, double Lambda, int RetainedRows, double Scale, double[] After,
    double ForgetAccuracy, double WorstRetainedLoss, double Log10DistanceFromPaper);

/// <summary>A fixed lambda applied to all training rows (the paper's protocol) and its test scores.</summary>
/// <param name="Lambda">The fixed lambda.</param>
/// <param name="After">Per-class test accuracy after the edit [classes].</param>
/// <param name="ForgetAccuracy">Test accuracy of the forget class after the edit.</param>
/// <param name="WorstRetainedLoss">Largest test-accuracy loss of a retained class, before minus after.</param>
public sealed record UnlearningLambdaPoint(double Lambda, double[] After, double ForgetAccuracy, double WorstRetainedLoss);
