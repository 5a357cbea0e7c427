namespace LatentWorkbench.Engine.Optim;

/// <summary>
/// Base of the learning-rate schedules (torch.optim.lr_scheduler). On construction each group's
/// <see cref="ParamGroup.InitialLearningRate"/> is set (if unset) to its current rate and the schedule's value for step
/// 0 is applied. Call <see cref="Step"/> after each optimizer step of the unit the schedule counts in: once per epoch
/// for epoch schedules (StepLR, MultiStepLR, CosineAnnealingLR with tMax in epochs), once per batch for
/// OneCycleLR/CyclicLR (totalSteps, stepSizeUp in batches). Rates are computed in closed form from the step count.
/// </summary>
public abstract class LRScheduler
{
    private readonly double[] _baseLrs;

    /// <summary>Records the optimizer and the groups' initial learning rates; derived constructors end with <see cref="Start"/>.</summary>
    protected LRScheduler(Optimizer optimizer)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        Optimizer = optimizer;
        foreach (var g in optimizer.ParamGroups) g.InitialLearningRate ??= g.LearningRate;
        _baseLrs = [.. optimizer.ParamGroups.Select(g => g.InitialLearningRate!.Value)];
        LastEpoch = -1;
    }

    /// <summary>The optimizer whose learning rates are set.</summary>
    public Optimizer Optimizer { get; }

    /// <summary>The number of <see cref="Step"/> calls since construction (0 right after construction).</summary>
    public int LastEpoch { get; private set; }

    /// <summary>Each group's initial learning rate, the base the schedule scales.</summary>
    public IReadOnlyList<double> BaseLearningRates => _baseLrs;

    /// <summary>The learning rates last applied, one per group.</summary>
    public IReadOnlyList<double> LastLearningRates => [.. Optimizer.ParamGroups.Select(g => g.LearningRate)];

    /// <summary>Replaces group <paramref name="group"/>'s base rate (and its InitialLearningRate), for schedules that define their own start.</summary>
    protected void SetBaseLearningRate(int group, double lr)
    {
        _baseLrs[group] = lr;
        Optimizer.ParamGroups[group].InitialLearningRate = lr;
    }

    /// <summary>Applies the rates for step 0; every derived constructor calls this once its own fields are set.</summary>
    protected void Start()
    {
        if (LastEpoch != -1) throw new InvalidOperationException("scheduler already started");
        Step();
    }

    /// <summary>Advances the schedule by one step and writes the new rates (and momenta, where cycled) into the groups.</summary>
    public void Step()
    {
        int next = LastEpoch + 1;
        Validate(next);
        LastEpoch = next;
        Apply();
    }

    /// <summary>Writes the rates (and momenta) of step <see cref="LastEpoch"/> into the groups.</summary>
    private void Apply()
    {
        var groups = Optimizer.ParamGroups;
        for (int i = 0; i < groups.Count; i++)
        {
            groups[i].LearningRate = LearningRateAt(_baseLrs[i], i, LastEpoch);
            if (MomentumAt(i, LastEpoch) is double m) groups[i].Momentum = m;
        }
    }

    /// <summary>
    /// The schedule's position for checkpoints, like torch's scheduler.state_dict(): "last_epoch" (the step count)
    /// and "base_lrs" (each group's base rate), stored bit-exactly. The schedule's settings (step sizes, peaks) come
    /// from its constructor, so a scheduler built the same way continues the same sequence after
    /// <see cref="LoadStateDict"/>.
    /// </summary>
    public Dictionary<string, Tensor> StateDict() => new()
    {
        ["last_epoch"] = StateBits.FromInt(LastEpoch),
        ["base_lrs"] = StateBits.FromDoubles(_baseLrs),
    };

    /// <summary>
    /// Restores what <see cref="StateDict"/> saved and applies that step's rates (and momenta) to the optimizer's
    /// groups, instead of replaying every step. The optimizer must have the same number of groups.
    /// </summary>
    public void LoadStateDict(IReadOnlyDictionary<string, Tensor> state)
    {
        ArgumentNullException.ThrowIfNull(state);
        foreach (var key in state.Keys)
            if (key is not ("last_epoch" or "base_lrs"))
                throw new ArgumentException($"{GetType().Name}: unexpected scheduler state '{key}' (expected last_epoch and base_lrs)", nameof(state));
        if (!state.TryGetValue("last_epoch", out var epochTensor) || !state.TryGetValue("base_lrs", out var baseTensor))
            throw new ArgumentException($"{GetType().Name}: scheduler state needs both 'last_epoch' and 'base_lrs'", nameof(state));
        int step = StateBits.ToInt(epochTensor, "last_epoch");
        if (step < 0) throw new ArgumentException($"{GetType().Name}: scheduler state 'last_epoch' is {step}, expected a step count of 0 or more", nameof(state));
        var baseLrs = StateBits.ToDoubles(baseTensor, "base_lrs", _baseLrs.Length);
        Validate(step);
        for (int i = 0; i < baseLrs.Length; i++) SetBaseLearningRate(i, baseLrs[i]);
        LastEpoch = step;
        Apply();
    }

    /// <summary>Throws if the schedule is not defined at <paramref name="step"/>.</summary>
    protected virtual void Validate(int step) { }

    /// <summary>The learning rate of group <paramref name="group"/> (base rate <paramref name="baseLr"/>) at <paramref name="step"/>.</summary>
    protected abstract double LearningRateAt(double baseLr, int group, int step);

    /// <summary>The momentum (or beta1) of a group at <paramref name="step"/>, or null when the schedule leaves momentum alone.</summary>
    protected virtual double? MomentumAt(int group, int step) => null;
}
