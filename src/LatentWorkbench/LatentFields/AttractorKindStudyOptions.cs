using LatentWorkbench.Training;

namespace LatentWorkbench.LatentFields;

/// <summary>
/// Where the latent trajectories of MLP autoencoders end, across datasets and bottlenecks: one model per (dataset, k),
/// trajectories from training latents and from Gaussian starts around them, classified by
/// <see cref="AttractorKindClassifier"/>. Full mode trains the workbench's MLP recipe (paper's Adam lr 5e-4 without
/// weight decay, 20 epochs on every image); <see cref="Quick"/> trains shorter on fewer images, still well past the
/// mean-image baseline.
/// </summary>
public sealed record AttractorKindStudyOptions
{
    /// <summary>Datasets (MNIST and Fashion-MNIST, as the latent-field paper).</summary>
    public IReadOnlyList<string> Datasets { get; init; } = ["mnist", "fashion-mnist"];

    /// <summary>Bottleneck sizes: a small, a middle and a wide one.</summary>
    public IReadOnlyList<int> Ks { get; init; } = [2, 16, 64];

    /// <summary>Training epochs per model.</summary>
    public int Epochs { get; init; } = 20;

    /// <summary>Training images per model; null for the whole training split.</summary>
    public int? TrainSamples { get; init; }

    /// <summary>Test images for the test MSE and the mean-image baseline; null for the whole test split.</summary>
    public int? TestSamples { get; init; }

    /// <summary>Adam learning rate (paper: 5e-4).</summary>
    public float LearningRate { get; init; } = 5e-4f;

    /// <summary>Adam weight decay (0: with the paper's 1e-4 the MLP's field collapses to a few attractors, see notebook 04).</summary>
    public float WeightDecay { get; init; }

    /// <summary>Training images whose latents start trajectories (paper: 5000).</summary>
    public int TrainStarts { get; init; } = 5000;

    /// <summary>Gaussian starts N(mean, diag var) of the training latents, which reach between and beyond the data's latents.</summary>
    public int NoiseStarts { get; init; } = 5000;

    /// <summary>The classifier (paper's stopping rule 1e-6 / 3000 steps, periods up to 16).</summary>
    public AttractorKindOptions Classifier { get; init; } = new();

    /// <summary>Seed of initialisation, subsets, shuffling and Gaussian starts.</summary>
    public ulong Seed { get; init; }

    /// <summary>Model cache folder (null: <see cref="ModelCache.DefaultDirectory"/>).</summary>
    public string? ModelDirectory { get; init; }

    /// <summary>Print a progress bar and a summary line per epoch while a model trains (not part of the cache key).</summary>
    public bool PrintTraining { get; init; } = true;

    /// <summary>
    /// The CI-sized study: each model trains 10 epochs on 10,000 images at Adam lr 2e-3 (test MSE on 1,000 images;
    /// every model beats the mean image by a wide margin), 1,000 training and 1,000 Gaussian starts, and the paper's
    /// 3,000 steps, which long cycles (hundreds of steps per period) need to be recorded and confirmed.
    /// </summary>
    public static AttractorKindStudyOptions Quick(ulong seed = 0) => new()
    {
        Epochs = 10,
        TrainSamples = 10000,
        TestSamples = 1000,
        LearningRate = 2e-3f,
        TrainStarts = 1000,
        NoiseStarts = 1000,
        Seed = seed,
    };

    /// <summary>The cached-model recipe of one (dataset, k) cell.</summary>
    public AutoencoderRecipe Recipe(string dataset, int k) => new()
    {
        Kind = AutoencoderKind.Mlp,
        Dataset = dataset,
        LatentDim = k,
        Epochs = Epochs,
        LearningRate = LearningRate,
        WeightDecay = WeightDecay,
        TrainSamples = TrainSamples,
        TestSamples = TestSamples,
        Seed = Seed,
    };

    /// <summary>How a cache miss trains <paramref name="recipe"/>: null for the trainer's defaults (with output); quietly with one evaluation at the end otherwise.</summary>
    internal TrainingOptions? TrainingFor(AutoencoderRecipe recipe) =>
        PrintTraining ? null : new TrainingOptions { Epochs = recipe.Epochs, EvaluateEvery = Math.Max(recipe.Epochs, 1), ShowProgress = false, PrintEpochSummary = false };

    internal void Validate()
    {
        if (Datasets.Count == 0) throw new ArgumentException("the study needs at least one dataset", nameof(Datasets));
        if (Ks.Count == 0) throw new ArgumentException("the study needs at least one bottleneck size", nameof(Ks));
        foreach (int k in Ks) if (k < 1) throw new ArgumentOutOfRangeException(nameof(Ks), k, "bottleneck sizes must be positive");
        if (Epochs < 1) throw new ArgumentOutOfRangeException(nameof(Epochs), Epochs, "must be at least 1");
        if (TrainStarts < 0) throw new ArgumentOutOfRangeException(nameof(TrainStarts), TrainStarts, "must not be negative");
        if (NoiseStarts < 0) throw new ArgumentOutOfRangeException(nameof(NoiseStarts), NoiseStarts, "must not be negative");
        if (TrainStarts + NoiseStarts < 1) throw new ArgumentOutOfRangeException(nameof(TrainStarts), TrainStarts, "TrainStarts + NoiseStarts must be at least 1");
        Classifier.Validate();
    }
}
