namespace LatentWorkbench.Koopman;

/// <summary>Koopman autoencoder training settings; defaults are the paper's Yin-Yang values.</summary>
public sealed record KoopmanOptions
{
    /// <summary>Passes over the (first layer, last layer) pairs (paper: 1000 Yin-Yang, 100 MNIST).</summary>
    public int Epochs { get; init; } = 1000;
    /// <summary>Minibatch size (paper: 512); the isometry loss pairs rows within a batch.</summary>
    public int BatchSize { get; init; } = 512;
    /// <summary>Peak AdamW rate of the triangular schedule (0 -> peak at 20% -> 0).</summary>
    public double PeakLearningRate { get; init; } = 0.1;
    /// <summary>Decoupled weight decay, not applied to biases.</summary>
    public double WeightDecay { get; init; } = 5e-4;
    /// <summary>l1: weight of the reconstruction loss MSE(x, psi(phi(x))) on first and last layer (paper: 1).</summary>
    public float Reconstruction { get; init; } = 1f;
    /// <summary>l2: weight of the linear-dynamics loss MSE(phi(x0) K^k, phi(xL)) (paper: 1).</summary>
    public float Linear { get; init; } = 1f;
    /// <summary>l3: weight of the state-prediction loss MSE(psi(phi(x0) K^k), xL) (paper: 1).</summary>
    public float State { get; init; } = 1f;
    /// <summary>l4: weight of the isometry loss (||phi(a) - phi(b)|| - ||a - b||)^2 (paper: 1 Yin-Yang, 1e-3 MNIST).</summary>
    public float Isometry { get; init; } = 1f;
    /// <summary>Seed of the batch shuffling.</summary>
    public ulong Seed { get; init; } = 0;
}
