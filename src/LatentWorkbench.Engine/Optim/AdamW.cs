namespace LatentWorkbench.Engine.Optim;

/// <summary>
/// AdamW (torch.optim.AdamW, 1.13 formulas): decoupled weight decay w *= 1 - lr wd before the Adam update, which uses
/// the raw gradient. Weight decay defaults to 0.01 as in PyTorch.
/// </summary>
public sealed class AdamW : AdamBase
{
    /// <summary>Optimizes <paramref name="parameters"/> as one group. Betas default to (0.9, 0.999).</summary>
    public AdamW(IEnumerable<Tensor> parameters, double lr = 1e-3, (double Beta1, double Beta2)? betas = null, double eps = 1e-8,
        double weightDecay = 1e-2, bool amsgrad = false)
        : base(SingleGroup(parameters), lr, betas ?? (0.9, 0.999), eps, weightDecay, amsgrad) { }

    /// <summary>Optimizes several groups; options a group leaves unset come from these arguments.</summary>
    public AdamW(IEnumerable<ParamGroup> groups, double lr = 1e-3, (double Beta1, double Beta2)? betas = null, double eps = 1e-8,
        double weightDecay = 1e-2, bool amsgrad = false)
        : base(groups, lr, betas ?? (0.9, 0.999), eps, weightDecay, amsgrad) { }

    /// <inheritdoc/>
    protected override bool DecoupledWeightDecay => true;
}
