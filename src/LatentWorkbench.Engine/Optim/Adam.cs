using System.Numerics;

namespace LatentWorkbench.Engine.Optim;

// The Adam family in one place, as in PyTorch and tinygrad: the shared moment machinery, the two update rules
// (L2 in the gradient vs decoupled decay) and the fused element-wise kernel both use.

/// <summary>
/// Shared machinery of <see cref="Adam"/> and <see cref="AdamW"/>: first/second moment buffers and the step count per
/// parameter, bias corrections 1 - beta^t computed in double as PyTorch does in Python. Beta1 is the group's
/// <see cref="ParamGroup.Momentum"/> (so it can be cycled); beta2, eps and AMSGrad are optimizer-wide.
/// </summary>
public abstract class AdamBase : Optimizer
{
    private sealed class State(int n, bool amsgrad)
    {
        public int Step;
        public readonly float[] ExpAvg = new float[n];
        public readonly float[] ExpAvgSq = new float[n];
        public readonly float[] MaxExpAvgSq = amsgrad ? new float[n] : [];
    }

    private readonly State?[][] _state;

    /// <summary>Validates the hyperparameters and allocates the state table.</summary>
    protected AdamBase(IEnumerable<ParamGroup> groups, double lr, (double Beta1, double Beta2) betas, double eps, double weightDecay, bool amsgrad)
        : base(groups, lr >= 0 ? lr : throw new ArgumentOutOfRangeException(nameof(lr), lr, "learning rate must be non-negative"),
            weightDecay, betas.Beta1 is >= 0 and < 1 ? betas.Beta1 : throw new ArgumentOutOfRangeException(nameof(betas), betas.Beta1, "beta1 must lie in [0, 1)"))
    {
        if (betas.Beta2 is < 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(betas), betas.Beta2, "beta2 must lie in [0, 1)");
        if (!(eps >= 0)) throw new ArgumentOutOfRangeException(nameof(eps), eps, "eps must be non-negative");
        Beta2 = betas.Beta2;
        Eps = eps;
        AmsGrad = amsgrad;
        _state = CreateState<State>();
    }

    /// <summary>Decay rate of the second-moment estimate.</summary>
    public double Beta2 { get; }

    /// <summary>Added to the denominator for numerical stability.</summary>
    public double Eps { get; }

    /// <summary>Whether the maximum of past second moments is used (AMSGrad).</summary>
    public bool AmsGrad { get; }

    /// <summary>Whether weight decay is decoupled (AdamW: w *= 1 - lr wd) rather than added to the gradient (Adam).</summary>
    protected abstract bool DecoupledWeightDecay { get; }

    /// <inheritdoc/>
    protected sealed override void Update(ParamGroup group, int groupIndex, int paramIndex, Span<float> param, ReadOnlySpan<float> grad)
    {
        ref var state = ref _state[groupIndex][paramIndex];
        state ??= new State(param.Length, AmsGrad);
        state.Step++;
        double lr = group.LearningRate, wd = group.WeightDecay, beta1 = group.Momentum;
        if (DecoupledWeightDecay && wd != 0)
            System.Numerics.Tensors.TensorPrimitives.Multiply(param, (float)(1 - lr * wd), param);
        double biasCorrection1 = 1 - Math.Pow(beta1, state.Step);
        double biasCorrection2 = 1 - Math.Pow(Beta2, state.Step);
        double stepSize = lr / biasCorrection1;
        AdamKernel.Update(param, grad, state.ExpAvg, state.ExpAvgSq, state.MaxExpAvgSq,
            (float)beta1, (float)Beta2, (float)(1 - beta1), (float)(1 - Beta2), DecoupledWeightDecay ? 0f : (float)wd, (float)stepSize, (float)Math.Sqrt(biasCorrection2), (float)Eps);
    }

    /// <inheritdoc/>
    protected override IEnumerable<(string Name, float[] Values)> ExportState(int groupIndex, int paramIndex)
    {
        if (_state[groupIndex][paramIndex] is not State state) yield break;
        yield return ("step", [state.Step]);
        yield return ("exp_avg", state.ExpAvg);
        yield return ("exp_avg_sq", state.ExpAvgSq);
        if (AmsGrad) yield return ("max_exp_avg_sq", state.MaxExpAvgSq);
    }

    /// <inheritdoc/>
    protected override void ImportState(int groupIndex, int paramIndex, IReadOnlyDictionary<string, float[]> values)
    {
        var p = ParamGroups[groupIndex].Params[paramIndex];
        var state = new State(p.Numel, AmsGrad) { Step = values.TryGetValue("step", out var step) ? (int)step[0] : 0 };
        if (values.TryGetValue("exp_avg", out var m)) m.CopyTo(state.ExpAvg, 0);
        if (values.TryGetValue("exp_avg_sq", out var v)) v.CopyTo(state.ExpAvgSq, 0);
        if (AmsGrad && values.TryGetValue("max_exp_avg_sq", out var vmax)) vmax.CopyTo(state.MaxExpAvgSq, 0);
        _state[groupIndex][paramIndex] = state;
    }
}

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

/// <summary>The fused element-wise Adam update, one pass over parameter, gradient and moments.</summary>
internal static class AdamKernel
{
    /// <summary>
    /// In float, per element (1 - beta given separately: PyTorch computes it in double before rounding), in PyTorch 1.13's operation order: g' = g + l2 w; m = b1 m + (1 - b1) g';
    /// v = b2 v + (1 - b2) g'^2; vmax = max(vmax, v) (AMSGrad, when <paramref name="vmax"/> is non-empty);
    /// w = w - stepSize m / (sqrt(v or vmax) / bc2Sqrt + eps).
    /// </summary>
    public static void Update(Span<float> w, ReadOnlySpan<float> g, Span<float> m, Span<float> v, Span<float> vmax,
        float beta1, float beta2, float oneMinusB1, float oneMinusB2, float l2, float stepSize, float bc2Sqrt, float eps)
    {
        bool ams = !vmax.IsEmpty;
        float negStep = -stepSize;
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            int width = Vector<float>.Count;
            var vb1 = new Vector<float>(beta1); var vb2 = new Vector<float>(beta2);
            var v1b1 = new Vector<float>(oneMinusB1); var v1b2 = new Vector<float>(oneMinusB2);
            var vl2 = new Vector<float>(l2); var vbc = new Vector<float>(bc2Sqrt);
            var veps = new Vector<float>(eps); var vstep = new Vector<float>(negStep);
            for (; i <= w.Length - width; i += width)
            {
                var wi = new Vector<float>(w.Slice(i));
                var gi = new Vector<float>(g.Slice(i));
                if (l2 != 0f) gi += wi * vl2;
                var mi = new Vector<float>(m.Slice(i)) * vb1 + gi * v1b1;
                var vi = new Vector<float>(v.Slice(i)) * vb2 + (gi * gi) * v1b2;
                mi.CopyTo(m.Slice(i));
                vi.CopyTo(v.Slice(i));
                if (ams)
                {
                    vi = Vector.Max(new Vector<float>(vmax.Slice(i)), vi);
                    vi.CopyTo(vmax.Slice(i));
                }
                var denom = Vector.SquareRoot(vi) / vbc + veps;
                (wi + vstep * (mi / denom)).CopyTo(w.Slice(i));
            }
        }
        for (; i < w.Length; i++)
        {
            float gi = g[i];
            if (l2 != 0f) gi += w[i] * l2;
            float mi = m[i] * beta1 + gi * oneMinusB1;
            float vi = v[i] * beta2 + (gi * gi) * oneMinusB2;
            m[i] = mi; v[i] = vi;
            if (ams) { vi = MathF.Max(vmax[i], vi); vmax[i] = vi; }
            float denom = MathF.Sqrt(vi) / bc2Sqrt + eps;
            w[i] += negStep * (mi / denom);
        }
    }
}
