namespace LatentWorkbench.Koopman;

/// <summary>Everything that defines one classifier + Koopman surrogate study (network, preprocessing, surrogate, training).</summary>
public sealed record KoopmanStudyConfig
{
    /// <summary>"yinyang" (the paper's 2-D toy problem, 3 classes, inputs [n, 4]) or "mnist" (10 classes, inputs [n, 784]).</summary>
    public required string Dataset { get; init; }
    /// <summary>MNIST training images used (a seeded subset; all 60,000 when larger). Yin-Yang always uses its 5,000 training points.</summary>
    public int TrainSamples { get; init; } = int.MaxValue;
    /// <summary>MNIST test images used (a seeded subset; all 10,000 when larger). Yin-Yang always uses its 1,000 test points.</summary>
    public int TestSamples { get; init; } = int.MaxValue;
    /// <summary>Hidden width of every classifier layer (paper: 10 Yin-Yang, 784 MNIST).</summary>
    public int Width { get; init; } = 10;
    /// <summary>Residual blocks of the classifier (paper: 5 Yin-Yang, 4 MNIST); the states are Blocks + 1 layers.</summary>
    public int Blocks { get; init; } = 5;
    /// <summary>Singular directions p kept per layer: the state dimension of the Koopman autoencoder (paper: 10 Yin-Yang, 784 MNIST).</summary>
    public int Components { get; init; } = 10;
    /// <summary>Encoder hidden and observable widths after the state dimension p (paper: [30, 20] Yin-Yang, [1000, 800] MNIST); the last is the observable dimension o.</summary>
    public int[] EncoderWidths { get; init; } = [30, 20];
    /// <summary>k: Koopman steps from first to last layer (paper: 100 Yin-Yang, 10 MNIST).</summary>
    public int Steps { get; init; } = 100;
    /// <summary>Training of the residual classifier (the paper's Yin-Yang settings by default).</summary>
    public ClassifierOptions Classifier { get; init; } = new();
    /// <summary>Training of the Koopman autoencoder (the paper's Yin-Yang settings by default).</summary>
    public KoopmanOptions Koopman { get; init; } = new();
    /// <summary>
    /// Threshold at which beta_0 of the classifier's layers is read (clouds scaled by <see cref="KoopmanTopology.Scale(KoopmanStudy)"/>);
    /// null: <see cref="KoopmanTopology.DataThreshold"/> of the test set's first layer.
    /// </summary>
    public double? LayerThreshold { get; init; }
    /// <summary>Threshold at which beta_0 of the decoded Koopman iterates is read; null: the data threshold of the decoded iterate i = 0.</summary>
    public double? IterateThreshold { get; init; }
    /// <summary>Seed of both networks' initialisation and of the MNIST subsets (the trainings' shuffling seeds are in <see cref="Classifier"/> and <see cref="Koopman"/>).</summary>
    public ulong Seed { get; init; } = 0;

    /// <summary>The paper's Yin-Yang setting (width 10, 5 blocks, 10->30->20, k = 100); quick shortens training.</summary>
    public static KoopmanStudyConfig YinYang(bool quick, ulong seed = 0) => new()
    {
        Dataset = "yinyang", Width = 10, Blocks = 5, Components = 10, EncoderWidths = [30, 20], Steps = 100, Seed = seed,
        Classifier = new ClassifierOptions { Epochs = quick ? 200 : 2000, Seed = seed },
        Koopman = new KoopmanOptions { Epochs = quick ? 300 : 1000, PeakLearningRate = 0.1, Isometry = 1f, Seed = seed },
    };

    /// <summary>
    /// The paper's MNIST setting (width 784, 4 blocks, 784->1000->800, k = 10). Quick uses width 64 and 10,000 training
    /// images; its surrogate gets ~2,300 AdamW steps (30 epochs of batch 128) against the paper's ~11,700: with the
    /// 625 steps of 20 epochs on 4,000 images it was no better than the linear DMD fit (measured 0.915 vs 0.916).
    /// </summary>
    public static KoopmanStudyConfig Mnist(bool quick, ulong seed = 0) => new()
    {
        Dataset = "mnist", Width = quick ? 64 : 784, Blocks = 4, Components = quick ? 64 : 784,
        EncoderWidths = quick ? [128, 96] : [1000, 800], Steps = 10, Seed = seed,
        TrainSamples = quick ? 10000 : 60000, TestSamples = quick ? 1000 : 10000,
        Classifier = new ClassifierOptions { Epochs = quick ? 8 : 30, BatchSize = quick ? 128 : 512, PeakLearningRate = quick ? 0.05 : 1e-2, Seed = seed },
        Koopman = new KoopmanOptions { Epochs = quick ? 30 : 100, BatchSize = quick ? 128 : 512, PeakLearningRate = 5e-3, Isometry = 1e-3f, Seed = seed },
        LayerThreshold = quick ? null : 0.166, IterateThreshold = quick ? null : 0.14,
    };
}
