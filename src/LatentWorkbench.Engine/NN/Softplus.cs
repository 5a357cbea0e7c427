namespace LatentWorkbench.Engine.NN;

/// <summary>log(1 + e^x), linear above 20, as a module (torch.nn.Softplus with beta 1, threshold 20).</summary>
public sealed class Softplus : Module
{
    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => input.Softplus();

    /// <inheritdoc/>
    protected override string ExtraRepr() => "beta=1, threshold=20";
}
