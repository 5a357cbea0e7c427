namespace LatentWorkbench.Engine.Optim;

/// <summary>
/// Cyclical learning rate (torch.optim.lr_scheduler.CyclicLR, 1.13 formulas), stepped once per batch: the rate moves
/// linearly from baseLr to maxLr over stepSizeUp steps and back over stepSizeDown (default: stepSizeUp), with the
/// amplitude scaled by the <see cref="CyclicMode"/>. With cycleMomentum the momentum (or Adam's beta1) moves inversely
/// between maxMomentum and baseMomentum. Construction sets each group's rate to baseLr.
/// </summary>
public sealed class CyclicLR : LRScheduler
{
    private readonly double _baseLr, _maxLr, _baseMomentum, _maxMomentum, _totalSize, _stepRatio;

    /// <summary>Creates the schedule and applies step 0.</summary>
    public CyclicLR(Optimizer optimizer, double baseLr, double maxLr, int stepSizeUp = 2000, int? stepSizeDown = null,
        CyclicMode mode = CyclicMode.Triangular, double gamma = 1.0, bool cycleMomentum = true, double baseMomentum = 0.8, double maxMomentum = 0.9)
        : base(optimizer)
    {
        if (stepSizeUp < 1) throw new ArgumentOutOfRangeException(nameof(stepSizeUp), stepSizeUp, "must be positive");
        if (stepSizeDown is < 0) throw new ArgumentOutOfRangeException(nameof(stepSizeDown), stepSizeDown, "must be non-negative");
        if (!(maxLr >= baseLr)) throw new ArgumentException($"CyclicLR: maxLr ({maxLr}) must be at least baseLr ({baseLr})", nameof(maxLr));
        _baseLr = baseLr; _maxLr = maxLr; _baseMomentum = baseMomentum; _maxMomentum = maxMomentum;
        Mode = mode; Gamma = gamma; CycleMomentum = cycleMomentum;
        double up = stepSizeUp, down = stepSizeDown ?? stepSizeUp;
        _totalSize = up + down;
        _stepRatio = up / _totalSize;
        for (int i = 0; i < optimizer.ParamGroups.Count; i++)
        {
            optimizer.ParamGroups[i].LearningRate = baseLr;
            SetBaseLearningRate(i, baseLr);
            if (cycleMomentum) optimizer.ParamGroups[i].Momentum = baseMomentum;
        }
        Start();
    }

    /// <summary>The amplitude policy.</summary>
    public CyclicMode Mode { get; }
    /// <summary>Decay base of <see cref="CyclicMode.ExpRange"/>.</summary>
    public double Gamma { get; }
    /// <summary>Whether momentum is cycled inversely to the rate.</summary>
    public bool CycleMomentum { get; }

    private (double ScaleFactor, double Amplitude) Position(int step)
    {
        double cycle = Math.Floor(1 + step / _totalSize);
        double x = 1.0 + step / _totalSize - cycle;
        double scale = x <= _stepRatio ? x / _stepRatio : (x - 1) / (_stepRatio - 1);
        double amplitude = Mode switch
        {
            CyclicMode.Triangular => 1.0,
            CyclicMode.Triangular2 => 1 / Math.Pow(2.0, cycle - 1),
            _ => Math.Pow(Gamma, step),
        };
        return (scale, amplitude);
    }

    /// <inheritdoc/>
    protected override double LearningRateAt(double baseLr, int group, int step)
    {
        var (scale, amplitude) = Position(step);
        return _baseLr + (_maxLr - _baseLr) * scale * amplitude;
    }

    /// <inheritdoc/>
    protected override double? MomentumAt(int group, int step)
    {
        if (!CycleMomentum) return null;
        var (scale, amplitude) = Position(step);
        return _maxMomentum - (_maxMomentum - _baseMomentum) * scale * amplitude;
    }
}
