namespace LatentWorkbench.Koopman;

/// <summary>Where <see cref="SurrogateUnlearning"/> sends the forgotten points' observables.</summary>
public enum UnlearningTarget
{
    /// <summary>
    /// The paper's "A applied to a clean point": every forgotten row gets the same target t = z_c A, z_c the training
    /// point of a retained class nearest that class's mean image (a medoid proxy), so the class merges into that cluster.
    /// </summary>
    ClassCentre,
    /// <summary>Each forgotten row goes where its nearest retained training point goes (one target per row).</summary>
    NearestRetained,
}

/// <summary>
/// Settings of the closed-form class edit. The edit's defaults are the paper's (lambda 0.1, all rows, one clean point's image
/// as target); choosing lambda on a validation split of the training data is ours (papers.md fixes lambda = 0.1): set
/// <see cref="LambdaGrid"/> to null for the paper's fixed lambda on all training rows.
/// </summary>
public sealed record UnlearningOptions
{
    /// <summary>The grid <see cref="LambdaGrid"/> defaults to: half-decades around the paper's 0.1.</summary>
    public static readonly double[] DefaultLambdaGrid = [0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10];

    /// <summary>
    /// The ridge lambda in C0 = X_c^T X_c + lambda I and D = H C0^-1 H^T + lambda I when <see cref="LambdaGrid"/> is null
    /// (paper: 0.1). It is absolute, not relative to the observables' scale: it weighs the forget rows' misfit by 1/lambda
    /// against the retained rows' change, so its effect depends on the norms and counts of both.
    /// </summary>
    public double Lambda { get; init; } = 0.1;
    /// <summary>
    /// Candidate lambdas, each scored on <see cref="ValidationFraction"/> of the training rows (never the test set); the
    /// edit is built from the remaining training rows. Among the candidates whose validation accuracy on the forget class is
    /// at most <see cref="MaxForgetAccuracy"/>, the one whose worst retained class loses least is chosen, then the one that
    /// forgets more, then the larger (more conservative: smaller edit) lambda; if none qualifies, the one that forgets most. Null: fixed
    /// <see cref="Lambda"/>, all training rows, no validation.
    /// </summary>
    public IReadOnlyList<double>? LambdaGrid { get; init; } = DefaultLambdaGrid;
    /// <summary>Share of each class's training rows held out to score the lambda grid (default 0.2).</summary>
    public double ValidationFraction { get; init; } = 0.2;
    /// <summary>
    /// The highest validation accuracy of the forget class at which a candidate counts as having forgotten it
    /// (default 0.2: below Yin-Yang's chance level of 1/3; the paper's edit left the class at 0.12).
    /// </summary>
    public double MaxForgetAccuracy { get; init; } = 0.2;
    /// <summary>
    /// Rows (a seeded choice) entering H and X_c each; default all, as the paper. Fewer retained rows weaken C0's protection,
    /// which can be what lets the edit act at all (see notebook 06).
    /// </summary>
    public int MaxSamples { get; init; } = int.MaxValue;
    /// <summary>
    /// A further cap on the retained rows entering X_c only (a seeded choice, after <see cref="MaxSamples"/>); default all.
    /// Varies how many rows C0 = X_c^T X_c + lambda I protects without changing H.
    /// </summary>
    public int MaxRetainedSamples { get; init; } = int.MaxValue;
    /// <summary>How targets T are chosen (default the paper's: one clean point's image for every forgotten row).</summary>
    public UnlearningTarget Target { get; init; } = UnlearningTarget.ClassCentre;
    /// <summary>
    /// For <see cref="UnlearningTarget.ClassCentre"/>: the retained class to merge into; null picks the one whose mean image
    /// z A lies nearest the forget class's mean image.
    /// </summary>
    public int? TargetClass { get; init; }
    /// <summary>Seed of the validation split and of the row subsampling.</summary>
    public ulong Seed { get; init; } = 0;
}
