namespace LatentWorkbench.Engine.NN;

/// <summary>x for x &gt; 0, slope * x otherwise, as a module (torch.nn.LeakyReLU).</summary>
public sealed class LeakyReLU(float negativeSlope = 0.01f) : Module
{
    /// <summary>The slope for negative inputs.</summary>
    public float NegativeSlope { get; } = negativeSlope;

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => input.LeakyRelu(NegativeSlope);

    /// <inheritdoc/>
    protected override string ExtraRepr() => $"negative_slope={PyFloat(NegativeSlope)}";
}
