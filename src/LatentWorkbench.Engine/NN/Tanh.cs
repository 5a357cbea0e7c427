namespace LatentWorkbench.Engine.NN;

/// <summary>Hyperbolic tangent as a module (torch.nn.Tanh).</summary>
public sealed class Tanh : Module
{
    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => input.Tanh();
}
