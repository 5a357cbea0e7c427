namespace LatentWorkbench.Engine.NN;

/// <summary>Returns its input unchanged (torch.nn.Identity); a placeholder, e.g. for an optional layer.</summary>
public sealed class Identity : Module
{
    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => input;
}
