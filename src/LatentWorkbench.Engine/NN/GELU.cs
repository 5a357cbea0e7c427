namespace LatentWorkbench.Engine.NN;

/// <summary>Gaussian error linear unit, exact erf form, as a module (torch.nn.GELU).</summary>
public sealed class GELU : Module
{
    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => input.Gelu();

    /// <inheritdoc/>
    protected override string ExtraRepr() => "approximate='none'";
}
