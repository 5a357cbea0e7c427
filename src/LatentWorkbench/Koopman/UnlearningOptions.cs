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

/// <summary>Settings of the closed-form class edit; defaults are the paper's.</summary>
public sealed record UnlearningOptions
{
    /// <summary>The ridge lambda in C0 = X_c^T X_c + lambda I and D = H C0^-1 H^T + lambda I (paper: 0.1).</summary>
    public double Lambda { get; init; } = 0.1;
    /// <summary>
    /// Rows (a seeded choice) entering H and X_c each; default all, as the paper. Fewer retained rows weaken C0's protection,
    /// which can be what lets the edit act at all (see notebook 06).
    /// </summary>
    public int MaxSamples { get; init; } = int.MaxValue;
    /// <summary>How targets T are chosen.</summary>
    public UnlearningTarget Target { get; init; } = UnlearningTarget.ClassCentre;
    /// <summary>
    /// For <see cref="UnlearningTarget.ClassCentre"/>: the retained class to merge into; null picks the one whose mean image
    /// z A lies nearest the forget class's mean image.
    /// </summary>
    public int? TargetClass { get; init; }
    /// <summary>Seed of the row subsampling.</summary>
    public ulong Seed { get; init; } = 0;
}
