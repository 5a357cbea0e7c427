namespace LatentWorkbench.Koopman;

/// <summary>
/// Training settings of the residual classifier; defaults are the paper's Yin-Yang settings (SGD momentum 0.9,
/// one triangular cyclic-LR cycle peaking at 1e-2, weight decay 5e-4, batch 512, 2000 epochs).
/// </summary>
public sealed record ClassifierOptions
{
    /// <summary>Passes over the training set (paper: 2000 on Yin-Yang).</summary>
    public int Epochs { get; init; } = 2000;
    /// <summary>Minibatch size (paper: 512).</summary>
    public int BatchSize { get; init; } = 512;
    /// <summary>Peak of the cyclic learning rate, reached halfway through training (paper: 1e-2).</summary>
    public double PeakLearningRate { get; init; } = 1e-2;
    /// <summary>Rate at both ends of the cycle (not given in the paper; a hundredth of the peak).</summary>
    public double BaseLearningRate { get; init; } = 1e-4;
    /// <summary>SGD momentum (paper: 0.9).</summary>
    public double Momentum { get; init; } = 0.9;
    /// <summary>SGD L2 weight decay (paper: 5e-4).</summary>
    public double WeightDecay { get; init; } = 5e-4;
    /// <summary>Seed of the batch shuffling.</summary>
    public ulong Seed { get; init; } = 0;
}
