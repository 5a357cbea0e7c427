using LatentWorkbench.Training;

namespace LatentWorkbench.LatentFields;

/// <summary>
/// A controlled experiment on the trajectory OOD score (<see cref="OodAblation"/>): the control is
/// <see cref="OodBenchmark"/>'s score on the same model, starts and test images; each other condition changes one of
/// attractor count, distance, path window or training starts. Defaults are the benchmark's full mode where it has
/// one; the variants' sizes are workbench choices.
/// </summary>
public sealed record OodAblationOptions
{
    /// <summary>The in-distribution model (loaded from the cache, trained on a miss); its dataset is "in".</summary>
    public required AutoencoderRecipe Recipe { get; init; }

    /// <summary>The control's training starts (the benchmark's 10,000; quick 2,000).</summary>
    public int TrainStarts { get; init; } = 10000;

    /// <summary>H4: fewer training starts (a quarter of the control's): the first ones of the same seeded draw.</summary>
    public int FewerStarts { get; init; } = 2500;

    /// <summary>H4: more training starts (the control's and more from the same seeded draw); at most the training split.</summary>
    public int MoreStarts { get; init; } = 25000;

    /// <summary>Test images per side (in and out), the benchmark's seeded subsets.</summary>
    public int TestImages { get; init; } = 2000;

    /// <summary>K of the kNN baseline (the replication's 50).</summary>
    public int Neighbours { get; init; } = 50;

    /// <summary>Euclidean merge radius of the control's attractors (<see cref="AttractorOptions.Radius"/>, 0.1).</summary>
    public double Radius { get; init; } = 0.1;

    /// <summary>
    /// H1: a coarse merge radius that leaves fewer attractors (50 times the control's; attractors are exact fixed
    /// points, so radii up to about 1 merge nothing more, and a test latent starts about 5-25 units from the nearest).
    /// </summary>
    public double CoarseRadius { get; init; } = 5.0;

    /// <summary>H1: the paper's cosine merge rule (similarity above 0.99).</summary>
    public double CosineThreshold { get; init; } = 0.99;

    /// <summary>H3: the "first steps" window, the mean over the first this many points of a path (the start is the first).</summary>
    public int FirstSteps { get; init; } = 10;

    /// <summary>Trajectories of the training starts and of the test points (paper: tolerance 1e-6, 3000 steps).</summary>
    public TrajectoryOptions Trajectory { get; init; } = new();

    /// <summary>Seed of the image subsets (the benchmark's: starts seed + 2, in seed + 3, out seed + 4).</summary>
    public ulong Seed { get; init; }

    /// <summary>
    /// H5: bottlenecks k at which the same recipe is retrained and scored by the benchmark's trajectory score on the
    /// same starts and test images (empty: no H5 conditions; <see cref="OodAblation.Options"/> gives 2 and 16).
    /// </summary>
    public IReadOnlyList<int> Bottlenecks { get; init; } = [];

    /// <summary>Model cache folder (null: <see cref="ModelCache.DefaultDirectory"/>).</summary>
    public string? ModelDirectory { get; init; }

    /// <summary>Progress bar and epoch summaries while a cache miss trains; not part of the cache key.</summary>
    public bool PrintTraining { get; init; } = true;

    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(Recipe, nameof(Recipe));
        ArgumentNullException.ThrowIfNull(Trajectory, nameof(Trajectory));
        Trajectory.Validate();
        if (FewerStarts < 1) throw new ArgumentOutOfRangeException(nameof(FewerStarts), FewerStarts, "must be at least 1");
        if (TrainStarts <= FewerStarts) throw new ArgumentOutOfRangeException(nameof(TrainStarts), TrainStarts, $"must exceed FewerStarts ({FewerStarts})");
        if (MoreStarts <= TrainStarts) throw new ArgumentOutOfRangeException(nameof(MoreStarts), MoreStarts, $"must exceed TrainStarts ({TrainStarts})");
        if (TestImages < 1) throw new ArgumentOutOfRangeException(nameof(TestImages), TestImages, "must be at least 1");
        if (Neighbours < 1 || Neighbours > TrainStarts)
            throw new ArgumentOutOfRangeException(nameof(Neighbours), Neighbours, $"must lie in 1..TrainStarts ({TrainStarts})");
        if (!(Radius > 0) || double.IsInfinity(Radius)) throw new ArgumentOutOfRangeException(nameof(Radius), Radius, "must be a positive finite number");
        if (!(CoarseRadius > Radius) || double.IsInfinity(CoarseRadius))
            throw new ArgumentOutOfRangeException(nameof(CoarseRadius), CoarseRadius, $"must be finite and exceed Radius ({Radius})");
        if (!(CosineThreshold > -1 && CosineThreshold < 1)) throw new ArgumentOutOfRangeException(nameof(CosineThreshold), CosineThreshold, "must lie in (-1, 1)");
        ArgumentNullException.ThrowIfNull(Bottlenecks, nameof(Bottlenecks));
        foreach (int k in Bottlenecks)
            if (k < 1 || k == Recipe.LatentDim)
                throw new ArgumentOutOfRangeException(nameof(Bottlenecks), k, $"every bottleneck must be at least 1 and differ from the recipe's LatentDim ({Recipe.LatentDim})");
        if (FirstSteps < 2) throw new ArgumentOutOfRangeException(nameof(FirstSteps), FirstSteps, "must be at least 2 (1 is the start alone)");
    }
}
