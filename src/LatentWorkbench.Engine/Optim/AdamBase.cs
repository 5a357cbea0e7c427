namespace LatentWorkbench.Engine.Optim;

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
