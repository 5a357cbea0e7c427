using LatentWorkbench.Training;

namespace LatentWorkbench.LatentFields;

/// <summary>
/// An OOD benchmark on one autoencoder recipe: the experiment's MLP (<see cref="OodBenchmark.Options"/>) or a model of
/// one's choosing (e.g. notebook 02's small-data conv autoencoder). The in-distribution dataset is the recipe's; training attractors, the kNN reference and the
/// Mahalanobis fit come from the images the model was trained on (the recipe's training split), because attractors of
/// images the model never saw are not "training attractors".
/// </summary>
public sealed record OodBenchmarkOptions
{
    /// <summary>The in-distribution model, trained on a cache miss (its <see cref="AutoencoderRecipe.Dataset"/> is "in").</summary>
    public required AutoencoderRecipe Recipe { get; init; }

    /// <summary>Training images whose latents give the attractors and the baselines' reference (a seeded subset of the recipe's training split when smaller).</summary>
    public int TrainStarts { get; init; } = 10000;

    /// <summary>Test images per side (in and out), seeded subsets of the test splits.</summary>
    public int TestImages { get; init; } = 2000;

    /// <summary>K of the kNN baseline (the replication's 50).</summary>
    public int Neighbours { get; init; } = 50;

    /// <summary>Trajectories of the training starts and of the test points (paper: tolerance 1e-6, 3000 steps).</summary>
    public TrajectoryOptions Trajectory { get; init; } = new();

    /// <summary>
    /// Path prefixes at which the trajectory score is also reported (<see cref="OodBenchmarkResult.PathPrefixScores"/>):
    /// the mean over the first T points of each path, from the same trajectories (T = 1 is the start alone).
    /// </summary>
    public IReadOnlyList<int> PathLengths { get; init; } = [1, 2, 3, 5, 10, 20, 50, 100, 300, 1000, 3000];

    /// <summary>Seed of the image subsets.</summary>
    public ulong Seed { get; init; }

    /// <summary>Model cache folder (null: <see cref="ModelCache.DefaultDirectory"/>).</summary>
    public string? ModelDirectory { get; init; }

    /// <summary>Where the latent map runs (trajectories, attractors, field norm); Cuda falls back to the CPU when no GPU is usable.</summary>
    public Engine.Device Device { get; init; } = Engine.Device.Cpu;

    /// <summary>Progress bar and epoch summaries while a cache miss trains; not part of the cache key.</summary>
    public bool PrintTraining { get; init; } = true;

    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(Recipe, nameof(Recipe));
        if (TrainStarts < 1) throw new ArgumentOutOfRangeException(nameof(TrainStarts), TrainStarts, "must be at least 1");
        if (TestImages < 1) throw new ArgumentOutOfRangeException(nameof(TestImages), TestImages, "must be at least 1");
        if (Neighbours < 1) throw new ArgumentOutOfRangeException(nameof(Neighbours), Neighbours, "must be at least 1");
        ArgumentNullException.ThrowIfNull(PathLengths, nameof(PathLengths));
        foreach (int length in PathLengths)
            if (length < 1) throw new ArgumentOutOfRangeException(nameof(PathLengths), length, "path lengths must be at least 1 (the start alone)");
    }
}
