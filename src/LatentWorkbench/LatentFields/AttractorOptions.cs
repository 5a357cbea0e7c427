namespace LatentWorkbench.LatentFields;

/// <summary>How attractors are found and merged. Iteration defaults are the paper's (1e-6, 3000 steps).</summary>
public sealed record AttractorOptions
{
    /// <summary>How the starts are iterated and when they stop (the paper's 1e-6 and 3000 steps by default).</summary>
    public TrajectoryOptions Trajectory { get; init; } = new();

    /// <summary>Merge rule for end points (default Euclidean; the paper used cosine > 0.99).</summary>
    public DedupRule Dedup { get; init; } = DedupRule.Euclidean;

    /// <summary>Euclidean merge radius in latent units. Workbench default: with tol 1e-6 an end point lies within about 1e-3 / (1 - rho) of its fixed point.</summary>
    public double Radius { get; init; } = 0.1;

    /// <summary>Cosine merge threshold (paper: 0.99).</summary>
    public double CosineThreshold { get; init; } = 0.99;

    /// <summary>Compute the Jacobian spectrum at every attractor (costs k backward passes each).</summary>
    public bool ComputeStability { get; init; } = true;

    internal void Validate()
    {
        Trajectory.Validate();
        if (!(Radius > 0)) throw new ArgumentOutOfRangeException(nameof(Radius), Radius, "must be positive");
        if (!(CosineThreshold > -1 && CosineThreshold < 1)) throw new ArgumentOutOfRangeException(nameof(CosineThreshold), CosineThreshold, "must lie in (-1, 1)");
    }
}
