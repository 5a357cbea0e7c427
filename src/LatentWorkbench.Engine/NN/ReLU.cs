namespace LatentWorkbench.Engine.NN;

/// <summary>max(x, 0) as a module (torch.nn.ReLU).</summary>
public sealed class ReLU : Module
{
    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => input.Relu();
}
