namespace LatentWorkbench.Engine.NN;

/// <summary>The logistic function 1 / (1 + e^-x) as a module (torch.nn.Sigmoid).</summary>
public sealed class Sigmoid : Module
{
    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => input.Sigmoid();
}
