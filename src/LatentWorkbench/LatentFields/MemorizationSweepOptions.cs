using LatentWorkbench.Training;

namespace LatentWorkbench.LatentFields;

/// <summary>
/// The memorisation-vs-bottleneck sweep of the latent-field paper: its conv autoencoder (Adam lr 5e-4, weight decay
/// 1e-4, step schedule) trained for every k on every dataset, attractors from training latents. Defaults are the
/// paper's sizes except the epochs (paper: up to 500; 20 here, a parameter) and the schedule's constants, which the
/// paper does not give (halve every 10 epochs).
/// </summary>
public sealed record MemorizationSweepOptions
{
    /// <summary>Datasets (paper: MNIST, FashionMNIST, CIFAR-10).</summary>
    public IReadOnlyList<string> Datasets { get; init; } = ["mnist", "fashion-mnist"];

    /// <summary>Add CIFAR-10 when its files are already on disk (never downloads it).</summary>
    public bool CifarWhenPresent { get; init; } = true;

    /// <summary>Bottleneck sizes (paper: 2 to 512).</summary>
    public IReadOnlyList<int> Ks { get; init; } = [2, 4, 8, 16, 32, 64, 128, 256, 512];

    /// <summary>Training epochs per model (paper: up to 500).</summary>
    public int Epochs { get; init; } = 20;

    /// <summary>Training images per model; null for the whole training split (paper).</summary>
    public int? TrainSamples { get; init; }

    /// <summary>Test images for the test MSE; null for the whole test split.</summary>
    public int? TestSamples { get; init; }

    /// <summary>Base channel width d of the conv autoencoder (channels d, 2d, 4d, 8d; the paper does not give d).</summary>
    public int ConvWidth { get; init; } = 32;

    /// <summary>Images per optimiser step.</summary>
    public int BatchSize { get; init; } = 128;

    /// <summary>Adam learning rate (paper: 5e-4).</summary>
    public float LearningRate { get; init; } = 5e-4f;

    /// <summary>Adam weight decay (paper: 1e-4).</summary>
    public float WeightDecay { get; init; } = 1e-4f;

    /// <summary>Step schedule per epoch (paper: "step LR", constants not given).</summary>
    public StepSchedule? LrSchedule { get; init; } = new(10, 0.5);

    /// <summary>Training latents iterated to attractors per model (paper: 5000).</summary>
    public int AttractorStarts { get; init; } = 5000;

    /// <summary>
    /// N(0, I) starts iterated per model beside the training latents (0: none, the paper's sweep). Their attractor count
    /// and mean steps go into <see cref="MemorizationRow.NoiseAttractors"/> and <see cref="MemorizationRow.NoiseMeanSteps"/>;
    /// the starts are drawn from <c>Seed + 13</c>, as the training-dynamics callback draws its own.
    /// </summary>
    public int NoiseStarts { get; init; }

    /// <summary>Test images whose nearest-training cosine is the null baseline.</summary>
    public int NullSamples { get; init; } = 2000;

    /// <summary>Attractor search (paper: tolerance 1e-6, 3000 steps; Euclidean merge radius 0.1).</summary>
    public AttractorOptions Attractors { get; init; } = new() { ComputeStability = false };

    /// <summary>Seed of initialisation, subsets and shuffling.</summary>
    public ulong Seed { get; init; }

    /// <summary>Model cache folder (null: <see cref="ModelCache.DefaultDirectory"/>).</summary>
    public string? ModelDirectory { get; init; }

    /// <summary>
    /// Print a progress bar and a summary line per epoch while a model trains. Runs of hundreds of epochs turn this
    /// off so that a notebook's output keeps only the results; it is not part of the cache key.
    /// </summary>
    public bool PrintTraining { get; init; } = true;

    /// <summary>
    /// The small real run of CI and <c>--quick</c>: a narrow model (d = 16) trained 6 epochs on 4,000 images at a higher
    /// learning rate (2e-3, batch 32) for five bottlenecks (k = 2, 8, 32, 128, 512: both ends and the middle of the
    /// paper's range) per dataset, and at most 300 iterations per start. Every model must beat the mean image (rows say
    /// <see cref="MemorizationRow.Degenerate"/> otherwise): a shorter recipe, one epoch on 2,000 images, left MNIST
    /// models at k >= 8 worse than the mean image (test MSE 0.081-0.094 against 0.051 in the padded 32 x 32 layout),
    /// each with a single attractor. 6 epochs on 4,000 images reach 0.026-0.042 on MNIST (k = 8..512 vs k = 2) and train
    /// in about 5-10 s per model here.
    /// </summary>
    public static MemorizationSweepOptions Quick(ulong seed = 0) => new()
    {
        Ks = [2, 8, 32, 128, 512],
        Epochs = 6,
        TrainSamples = 4000,
        TestSamples = 500,
        ConvWidth = 16,
        BatchSize = 32,
        LearningRate = 2e-3f,
        LrSchedule = null,
        AttractorStarts = 200,
        NullSamples = 300,
        Attractors = new AttractorOptions { ComputeStability = false, Trajectory = new TrajectoryOptions { MaxIterations = 300 } },
        Seed = seed,
    };

    /// <summary>The sweep of <c>lwb reproduce memorization</c>: <see cref="Quick"/> or the paper-sized defaults.</summary>
    public static MemorizationSweepOptions For(bool quick, ulong seed) => quick ? Quick(seed) : new MemorizationSweepOptions { Seed = seed };

    /// <summary>The cached-model recipe of one (dataset, k) cell.</summary>
    public AutoencoderRecipe Recipe(string dataset, int k) => new()
    {
        Kind = AutoencoderKind.Conv,
        Dataset = dataset,
        LatentDim = k,
        Epochs = Epochs,
        BatchSize = BatchSize,
        LearningRate = LearningRate,
        WeightDecay = WeightDecay,
        TrainSamples = TrainSamples,
        TestSamples = TestSamples,
        ConvWidth = ConvWidth,
        Seed = Seed,
        LrSchedule = LrSchedule,
    };

    /// <summary>
    /// How a cache miss trains <paramref name="recipe"/>: null for the trainer's defaults (with output); quietly, the
    /// sweep needs only the final test error, so it evaluates once instead of after every epoch.
    /// </summary>
    internal TrainingOptions? TrainingFor(AutoencoderRecipe recipe) =>
        PrintTraining ? null : new TrainingOptions { Epochs = recipe.Epochs, EvaluateEvery = Math.Max(recipe.Epochs, 1), ShowProgress = false, PrintEpochSummary = false };

    internal void Validate()
    {
        if (Datasets.Count == 0) throw new ArgumentException("the sweep needs at least one dataset", nameof(Datasets));
        if (Ks.Count == 0) throw new ArgumentException("the sweep needs at least one bottleneck size", nameof(Ks));
        foreach (int k in Ks) if (k < 1) throw new ArgumentOutOfRangeException(nameof(Ks), k, "bottleneck sizes must be positive");
        if (Epochs < 1) throw new ArgumentOutOfRangeException(nameof(Epochs), Epochs, "must be at least 1");
        if (AttractorStarts < 1) throw new ArgumentOutOfRangeException(nameof(AttractorStarts), AttractorStarts, "must be at least 1");
        if (NoiseStarts < 0) throw new ArgumentOutOfRangeException(nameof(NoiseStarts), NoiseStarts, "must be 0 (no noise starts) or more");
        if (NullSamples < 1) throw new ArgumentOutOfRangeException(nameof(NullSamples), NullSamples, "must be at least 1");
    }
}
