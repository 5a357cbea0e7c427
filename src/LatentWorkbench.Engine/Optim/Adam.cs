namespace LatentWorkbench.Engine.Optim;

/// <summary>
/// Adam (torch.optim.Adam, 1.13 formulas) with weight decay as L2 added to the gradient and optional AMSGrad:
/// m = b1 m + (1-b1) g; v = b2 v + (1-b2) g^2; w -= lr / (1 - b1^t) * m / (sqrt(v) / sqrt(1 - b2^t) + eps).
/// </summary>
public sealed class Adam : AdamBase
{
    /// <summary>Optimizes <paramref name="parameters"/> as one group. Betas default to (0.9, 0.999).</summary>
    public Adam(IEnumerable<Tensor> parameters, double lr = 1e-3, (double Beta1, double Beta2)? betas = null, double eps = 1e-8,
        double weightDecay = 0, bool amsgrad = false)
        : base(SingleGroup(parameters), lr, betas ?? (0.9, 0.999), eps, weightDecay, amsgrad) { }

    /// <summary>Optimizes several groups; options a group leaves unset come from these arguments.</summary>
    public Adam(IEnumerable<ParamGroup> groups, double lr = 1e-3, (double Beta1, double Beta2)? betas = null, double eps = 1e-8,
        double weightDecay = 0, bool amsgrad = false)
        : base(groups, lr, betas ?? (0.9, 0.999), eps, weightDecay, amsgrad) { }

    /// <inheritdoc/>
    protected override bool DecoupledWeightDecay => false;
}
