using LatentWorkbench.Training;

namespace LatentWorkbench.LatentFields;

/// <summary>
/// Attractors tracked during training (paper: MNIST, conv autoencoder, k = 128): the model recipe, how many
/// training images and Gaussian starts are iterated after every epoch, and the attractor search.
/// </summary>
public sealed record AttractorDynamicsOptions
{
    /// <summary>The model trained while being tracked (default: the sweep's paper-sized k = 128 MNIST recipe).</summary>
    public AutoencoderRecipe Recipe { get; init; } = new MemorizationSweepOptions().Recipe("mnist", 128);

    /// <summary>Training images whose latents are iterated after every epoch.</summary>
    public int TrackedImages { get; init; } = 1000;

    /// <summary>N(0, I) starts iterated after every epoch.</summary>
    public int NoiseStarts { get; init; } = 1000;

    /// <summary>Training images the memorisation coefficient is measured against (null: the whole training subset).</summary>
    public int? ReferenceImages { get; init; } = 10000;

    /// <summary>Attractor search per epoch (paper defaults 1e-6 / 3000).</summary>
    public AttractorOptions Attractors { get; init; } = new() { ComputeStability = false };

    /// <summary>Observe epoch 0 and every this many epochs (1: every epoch, as the paper's curves).</summary>
    public int ObserveEvery { get; init; } = 1;

    /// <summary>Print a progress bar and a summary line per epoch while training.</summary>
    public bool PrintTraining { get; init; } = true;

    /// <summary>A smoke-test version of <paramref name="sweep"/>'s recipe at <paramref name="k"/>: few epochs, few starts.</summary>
    public static AttractorDynamicsOptions Quick(MemorizationSweepOptions sweep, int k = 128, int epochs = 4) => new()
    {
        Recipe = sweep.Recipe("mnist", k) with { Epochs = epochs },
        TrackedImages = 150,
        NoiseStarts = 150,
        ReferenceImages = null,
        Attractors = sweep.Attractors,
    };
}
