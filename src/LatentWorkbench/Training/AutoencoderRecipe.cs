using System.Text.Json.Serialization;
using LatentWorkbench.Data;
using LatentWorkbench.Engine;
using LatentWorkbench.Engine.NN;
using LatentWorkbench.Engine.Optim;
using LatentWorkbench.Models;

namespace LatentWorkbench.Training;

/// <summary>Which autoencoder architecture a recipe builds.</summary>
public enum AutoencoderKind
{
    /// <summary>784-512-256-k fully connected (<see cref="MlpAutoencoder"/>).</summary>
    Mlp,

    /// <summary>The latent-field paper's conv autoencoder on 32x32 inputs (<see cref="ConvAutoencoder"/>).</summary>
    Conv,
}

/// <summary>
/// Everything that determines a trained autoencoder: architecture, bottleneck, data, optimisation, seed.
/// Defaults follow the latent-vector-field paper (Adam, lr 5e-4, weight decay 1e-4, MSE loss).
/// </summary>
public sealed record AutoencoderRecipe
{
    /// <summary>Which autoencoder is built (default the 784-512-256-k MLP; the paper's is the conv model).</summary>
    public AutoencoderKind Kind { get; init; } = AutoencoderKind.Mlp;

    /// <summary>Dataset name in the catalog (mnist, fashion-mnist, cifar10).</summary>
    public string Dataset { get; init; } = "mnist";

    /// <summary>Bottleneck size k: latents are [n, k] (the paper sweeps k from 2 to 512).</summary>
    public int LatentDim { get; init; } = 16;

    /// <summary>Passes over the training images.</summary>
    public int Epochs { get; init; } = 5;

    /// <summary>Mini-batch size of the shuffled training images.</summary>
    public int BatchSize { get; init; } = 128;

    /// <summary>Adam learning rate (paper: 5e-4).</summary>
    public float LearningRate { get; init; } = 5e-4f;

    /// <summary>Adam L2 weight decay (paper: 1e-4).</summary>
    public float WeightDecay { get; init; } = 1e-4f;

    /// <summary>Use only this many training images (a seeded subset); null for all.</summary>
    public int? TrainSamples { get; init; }

    /// <summary>Evaluate on this many test images (a seeded subset); null for all.</summary>
    public int? TestSamples { get; init; }

    /// <summary>Base channel width d of the conv autoencoder.</summary>
    public int ConvWidth { get; init; } = 32;

    /// <summary>Seed for initialisation, subsets and shuffling.</summary>
    public ulong Seed { get; init; }

    /// <summary>
    /// Step learning-rate schedule stepped once per epoch; null for a constant rate. Left out of the JSON (and so of
    /// the cache key) when null, so recipes written before it existed keep their keys.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public StepSchedule? LrSchedule { get; init; }

    /// <summary>Builds the untrained model for images with <paramref name="channels"/> channels, initialised from <see cref="Seed"/>.</summary>
    public Module BuildModel(int channels)
    {
        var generator = new Generator(Seed);
        return Kind switch
        {
            AutoencoderKind.Mlp => new MlpAutoencoder(LatentDim, inputDim: channels * 28 * 28, generator: generator),
            AutoencoderKind.Conv => new ConvAutoencoder(LatentDim, channels, ConvWidth, generator),
            _ => throw new ArgumentOutOfRangeException(nameof(Kind), Kind, "unknown autoencoder kind"),
        };
    }

    /// <summary>The sample transform this architecture expects (flatten for the MLP, pad to 32x32 for the conv model).</summary>
    public ISampleTransform Transform => Kind == AutoencoderKind.Mlp ? Transforms.Flatten : Transforms.PadTo32;

    /// <summary>
    /// The images this recipe trains ("train": the seeded subset of <see cref="TrainSamples"/>) or evaluates on
    /// ("test": <see cref="TestSamples"/>), exactly as <see cref="Train"/> selects them.
    /// </summary>
    public ImageDataset LoadSplit(string split, DatasetCatalog? catalog = null)
    {
        var data = (catalog ?? DatasetCatalog.Default).LoadImages(Dataset, split);
        return split switch
        {
            "train" when TrainSamples is int n && n < data.Count => data.Subset(n, Seed),
            "test" when TestSamples is int n && n < data.Count => data.Subset(n, Seed + 1),
            _ => data,
        };
    }

    /// <summary>
    /// Loads the data, trains with progress output, and returns the model with its history and test error.
    /// <paramref name="callbacks"/> builds per-epoch hooks for the freshly built model (e.g. attractor tracking).
    /// </summary>
    /// <example><code>
    /// var run = new AutoencoderRecipe { LatentDim = 8, Epochs = 2, TrainSamples = 5000 }.Train();
    /// var latents = run.Autoencoder.Encode(run.Recipe.LoadSplit("test").Images);   // [n_test, 8]
    /// Console.WriteLine($"test MSE {run.TestMse:F4}");
    /// </code></example>
    public AutoencoderRun Train(DatasetCatalog? catalog = null, TrainingOptions? options = null, Func<IAutoencoder, IEnumerable<ITrainingCallback>>? callbacks = null)
    {
        LrSchedule?.Validate();
        catalog ??= DatasetCatalog.Default;
        var train = LoadSplit("train", catalog);
        var test = LoadSplit("test", catalog);
        if (Kind == AutoencoderKind.Mlp && train.Height * train.Width != 784)
            throw new ArgumentException($"the MLP autoencoder expects 28x28 images; {Dataset} has {train.Height}x{train.Width}");

        var model = BuildModel(train.Channels);
        var autoencoder = (IAutoencoder)model;
        var optimizer = new Adam(model.Parameters(), lr: LearningRate, weightDecay: WeightDecay);
        // Reconstruction loss: the model's output has the same shape as its (transformed) input.
        var scheduler = LrSchedule is { } step ? new StepLR(optimizer, step.StepSize, step.Gamma) : null;
        var trainer = new Trainer(model, optimizer, (x, _) => F.MseLoss(model.Forward(x), x), scheduler);
        if (callbacks is not null) trainer.Callbacks.AddRange(callbacks(autoencoder));
        var trainLoader = new DataLoader(train, BatchSize, shuffle: true, seed: Seed, transform: Transform);
        var testLoader = new DataLoader(test, 512, shuffle: false, transform: Transform);
        var history = trainer.Fit(trainLoader, testLoader, options ?? new TrainingOptions { Epochs = Epochs });
        return new AutoencoderRun(this, model, autoencoder, history, history.Count > 0 ? history[^1].TestLoss ?? double.NaN : trainer.Evaluate(testLoader));
    }
}

/// <summary>A trained autoencoder with the recipe that made it, its training history and its test MSE.</summary>
/// <param name="Recipe">The recipe that trained it (its JSON keys the model cache).</param>
/// <param name="Model">The trained module (for state dicts, modes and parameters).</param>
/// <param name="Autoencoder">The same model as an <see cref="IAutoencoder"/>: Encode to [n, k], Decode back.</param>
/// <param name="History">Metrics of every epoch, [epochs].</param>
/// <param name="TestMse">Mean squared error per pixel on the recipe's test images (pixels in [0, 1]).</param>
public sealed record AutoencoderRun(AutoencoderRecipe Recipe, Module Model, IAutoencoder Autoencoder, IReadOnlyList<EpochMetrics> History, double TestMse);
