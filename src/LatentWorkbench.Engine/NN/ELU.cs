namespace LatentWorkbench.Engine.NN;

/// <summary>x for x &gt; 0, alpha * (e^x - 1) otherwise, as a module (torch.nn.ELU).</summary>
public sealed class ELU(float alpha = 1f) : Module
{
    /// <summary>The negative saturation value.</summary>
    public float Alpha { get; } = alpha;

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => F.Elu(input, Alpha);

    /// <inheritdoc/>
    protected override string ExtraRepr() => $"alpha={PyFloat(Alpha)}";
}
