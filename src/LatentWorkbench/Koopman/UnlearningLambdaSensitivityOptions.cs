namespace LatentWorkbench.Koopman;

/// <summary>
/// Settings of <see cref="UnlearningLambdaSensitivity"/>: why our validation picks a lambda 10-30x the paper's 0.1 for the
/// closed-form class edit. The control is our selection (<see cref="Selection"/>); each intervention changes one factor.
/// </summary>
public sealed record UnlearningLambdaSensitivityOptions
{
    /// <summary>
    /// The fixed lambdas of the sweep, each applied to all training rows and scored on the test set (default half-decades
    /// 0.01..30); <see cref="PaperLambda"/> is always added.
    /// </summary>
    public IReadOnlyList<double> Lambdas { get; init; } = [0.01, 0.03, 0.1, 0.3, 1, 3, 10, 30];
    /// <summary>The paper's lambda (papers.md: C0 = X_c^T X_c + 0.1 I), the one the distances of chosen lambdas are measured from.</summary>
    public double PaperLambda { get; init; } = 0.1;
    /// <summary>
    /// Share of the retained fit rows kept in X_c for the fewer-retained-rows condition (default 0.25): everything else as the
    /// control, so only how many rows C0 protects changes.
    /// </summary>
    public double RetainedFraction { get; init; } = 0.25;
    /// <summary>
    /// The control's selection (default: the <see cref="UnlearningOptions"/> defaults, as <c>lwb reproduce unlearning</c>);
    /// its <see cref="UnlearningOptions.Seed"/> seeds the split and every subsample. Must have a lambda grid.
    /// </summary>
    public UnlearningOptions Selection { get; init; } = new();

    /// <summary>Throws when an option is out of range; the message names it.</summary>
    public void Validate()
    {
        if (Lambdas is null || Lambdas.Count == 0)
            throw new ArgumentOutOfRangeException(nameof(Lambdas), "Lambdas is empty; give at least one lambda > 0");
        foreach (double l in Lambdas)
            if (!(l > 0) || !double.IsFinite(l)) throw new ArgumentOutOfRangeException(nameof(Lambdas), l, "Lambdas must be finite and positive");
        if (!(PaperLambda > 0) || !double.IsFinite(PaperLambda))
            throw new ArgumentOutOfRangeException(nameof(PaperLambda), PaperLambda, "PaperLambda must be finite and positive");
        if (!(RetainedFraction > 0 && RetainedFraction < 1))
            throw new ArgumentOutOfRangeException(nameof(RetainedFraction), RetainedFraction, "RetainedFraction must lie in (0, 1)");
        if (Selection is null) throw new ArgumentNullException(nameof(Selection), "Selection must be set");
        if (Selection.LambdaGrid is null)
            throw new ArgumentOutOfRangeException(nameof(Selection), "Selection.LambdaGrid is null; the control must choose lambda on validation");
    }
}
