using LatentWorkbench.Training;

namespace LatentWorkbench.LatentFields;

/// <summary>The one factor a condition of <see cref="MemorizationAblation"/> changes against the control.</summary>
public enum MemorizationFactor
{
    /// <summary>The shared control: the sweep's conv recipe.</summary>
    Control,

    /// <summary>The MLP autoencoder instead of the conv model (same k, data, optimiser, seed).</summary>
    Architecture,

    /// <summary>Fewer training images (the model's training set, and so the memorisation reference, shrinks).</summary>
    TrainingSetSize,

    /// <summary>More training epochs.</summary>
    TrainingLength,
}

/// <summary>Every condition of the controlled experiment in run order: the controls first, then one per intervention.</summary>
/// <param name="Conditions">[conditions] the measured conditions.</param>
public sealed record MemorizationAblationResult(IReadOnlyList<MemorizationCondition> Conditions)
{
    /// <summary>The condition that changes <paramref name="factor"/> at bottleneck <paramref name="k"/>, or null when the run has none.</summary>
    public MemorizationCondition? Find(MemorizationFactor factor, int k) => Conditions.FirstOrDefault(c => c.Factor == factor && c.K == k);
}

/// <summary>
/// One trained model of the controlled experiment and the memorisation of its attractors, measured two ways on the same
/// attractors: in the model's input layout (our sweep's number; the conv model's 32 x 32 zero-padded pixels) and on the
/// 28 x 28 image pixels (the conv output's centre crop), each with its null baseline computed the same way.
/// </summary>
/// <param name="Name">A short label, e.g. "control k=2", "mlp k=128".</param>
/// <param name="Factor">The factor changed against the control.</param>
/// <param name="Architecture">Conv or MLP autoencoder.</param>
/// <param name="K">Bottleneck size.</param>
/// <param name="TrainSamples">Training images the model saw (also the memorisation reference set).</param>
/// <param name="Epochs">Training epochs.</param>
/// <param name="Attractors">Distinct attractors reached from the training-latent starts.</param>
/// <param name="ConvergedFraction">Fraction of trajectories that met the stopping rule.</param>
/// <param name="Memorization">Mean over attractors of the largest cosine of D(z*) to a training image, in the model's input layout.</param>
/// <param name="MemorizationStd">Standard deviation of that cosine over attractors.</param>
/// <param name="NullMemorization">Mean largest cosine of a test image to a training image, in the model's input layout.</param>
/// <param name="MemorizationUnpadded">As <paramref name="Memorization"/> on the 28 x 28 image pixels (papers.md's definition).</param>
/// <param name="NullUnpadded">As <paramref name="NullMemorization"/> on the 28 x 28 image pixels.</param>
/// <param name="TestMse">The model's test reconstruction MSE.</param>
/// <param name="MeanImageMse">Test MSE of predicting the training mean image on the same images (<see cref="MeanImageBaseline"/>).</param>
public sealed record MemorizationCondition(string Name, MemorizationFactor Factor, AutoencoderKind Architecture, int K, int TrainSamples, int Epochs,
    int Attractors, double ConvergedFraction, double Memorization, double MemorizationStd, double NullMemorization,
    double MemorizationUnpadded, double NullUnpadded, double TestMse, double MeanImageMse)
{
    /// <summary>The model does not beat the mean image, so its attractors say nothing about memorisation.</summary>
    public bool Degenerate => !(TestMse < MeanImageMse);
}
