namespace LatentWorkbench.Engine.NN;

/// <summary>x * sigmoid(x) as a module (torch.nn.SiLU, also called swish).</summary>
public sealed class SiLU : Module
{
    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => input.Silu();
}
