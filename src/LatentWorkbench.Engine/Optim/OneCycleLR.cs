namespace LatentWorkbench.Engine.Optim;

/// <summary>
/// The 1cycle policy with PyTorch 1.13's formulas (torch.optim.lr_scheduler.OneCycleLR), stepped once per batch.
/// The rate starts at maxLr / divFactor, rises to maxLr at step pctStart * totalSteps - 1, then anneals to
/// initial / finalDivFactor at step totalSteps - 1 (three-phase: back to the initial rate at 2 pctStart totalSteps - 2
/// first). Momentum (SGD's momentum or Adam's beta1) moves inversely between maxMomentum and baseMomentum.
/// Stepping beyond totalSteps throws, as in PyTorch.
/// </summary>
public sealed class OneCycleLR : LRScheduler
{
    private readonly record struct Phase(double EndStep, double StartLr, double EndLr, double StartMomentum, double EndMomentum);

    private readonly Phase[][] _phases;

    /// <summary>Creates the schedule (setting each group's initial rate and momentum) and applies step 0.</summary>
    public OneCycleLR(Optimizer optimizer, double maxLr, int totalSteps, double pctStart = 0.3, AnnealStrategy annealStrategy = AnnealStrategy.Cos,
        bool cycleMomentum = true, double baseMomentum = 0.85, double maxMomentum = 0.95, double divFactor = 25, double finalDivFactor = 1e4,
        bool threePhase = false) : base(optimizer)
    {
        if (totalSteps < 1) throw new ArgumentOutOfRangeException(nameof(totalSteps), totalSteps, "must be positive");
        if (pctStart is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(pctStart), pctStart, "must lie in [0, 1]");
        if (!(maxLr > 0)) throw new ArgumentOutOfRangeException(nameof(maxLr), maxLr, "must be positive");
        TotalSteps = totalSteps; AnnealStrategy = annealStrategy; CycleMomentum = cycleMomentum;
        var groups = optimizer.ParamGroups;
        _phases = new Phase[groups.Count][];
        for (int i = 0; i < groups.Count; i++)
        {
            double initial = maxLr / divFactor, min = initial / finalDivFactor;
            SetBaseLearningRate(i, initial);
            _phases[i] = threePhase
                ?
                [
                    new(pctStart * totalSteps - 1, initial, maxLr, maxMomentum, baseMomentum),
                    new(2 * pctStart * totalSteps - 2, maxLr, initial, baseMomentum, maxMomentum),
                    new(totalSteps - 1, initial, min, maxMomentum, maxMomentum),
                ]
                :
                [
                    new(pctStart * totalSteps - 1, initial, maxLr, maxMomentum, baseMomentum),
                    new(totalSteps - 1, maxLr, min, baseMomentum, maxMomentum),
                ];
            if (cycleMomentum) groups[i].Momentum = maxMomentum;
        }
        Start();
    }

    /// <summary>The number of steps in the cycle.</summary>
    public int TotalSteps { get; }
    /// <summary>The interpolation within phases.</summary>
    public AnnealStrategy AnnealStrategy { get; }
    /// <summary>Whether momentum is cycled inversely to the rate.</summary>
    public bool CycleMomentum { get; }

    /// <inheritdoc/>
    protected override void Validate(int step)
    {
        if (step > TotalSteps)
            throw new InvalidOperationException($"OneCycleLR: tried to step {step} times; the specified number of total steps is {TotalSteps}");
    }

    /// <inheritdoc/>
    protected override double LearningRateAt(double baseLr, int group, int step)
    {
        var (phase, pct) = Locate(group, step);
        return Anneal(phase.StartLr, phase.EndLr, pct);
    }

    /// <inheritdoc/>
    protected override double? MomentumAt(int group, int step)
    {
        if (!CycleMomentum) return null;
        var (phase, pct) = Locate(group, step);
        return Anneal(phase.StartMomentum, phase.EndMomentum, pct);
    }

    private (Phase Phase, double Pct) Locate(int group, int step)
    {
        var phases = _phases[group];
        double start = 0;
        for (int i = 0; i < phases.Length; i++)
        {
            double end = phases[i].EndStep;
            if (step <= end || i == phases.Length - 1) return (phases[i], (step - start) / (end - start));
            start = end;
        }
        throw new InvalidOperationException("unreachable");
    }

    private double Anneal(double start, double end, double pct) => AnnealStrategy == AnnealStrategy.Cos
        ? end + (start - end) / 2.0 * (Math.Cos(Math.PI * pct) + 1)
        : (end - start) * pct + start;
}
