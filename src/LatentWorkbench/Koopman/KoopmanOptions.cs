namespace LatentWorkbench.Koopman;

/// <summary>Koopman autoencoder training settings; defaults are the paper's Yin-Yang values.</summary>
public sealed record KoopmanOptions
{
    /// <summary>Passes over the data.</summary>
    public int Epochs { get; init; } = 1000;
    /// <summary>Minibatch size.</summary>
    public int BatchSize { get; init; } = 512;
    /// <summary>Peak AdamW rate of the triangular schedule (0 -> peak at 20% -> 0).</summary>
    public double PeakLearningRate { get; init; } = 0.1;
    /// <summary>Decoupled weight decay, not applied to biases.</summary>
    public double WeightDecay { get; init; } = 5e-4;
    /// <summary>l1: reconstruction weight.</summary>
    public float Reconstruction { get; init; } = 1f;
    /// <summary>l2: linear-dynamics weight.</summary>
    public float Linear { get; init; } = 1f;
    /// <summary>l3: state-prediction weight.</summary>
    public float State { get; init; } = 1f;
    /// <summary>l4: isometry weight.</summary>
    public float Isometry { get; init; } = 1f;
    /// <summary>Seed of the batch shuffling.</summary>
    public ulong Seed { get; init; } = 0;
}
