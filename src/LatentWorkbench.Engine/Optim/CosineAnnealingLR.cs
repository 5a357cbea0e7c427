namespace LatentWorkbench.Engine.Optim;

/// <summary>Cosine annealing from the base rate to <see cref="EtaMin"/> over <see cref="TMax"/> steps: lr = etaMin + (base - etaMin)(1 + cos(pi t / tMax)) / 2.</summary>
public sealed class CosineAnnealingLR : LRScheduler
{
    /// <summary>Creates the schedule and applies step 0.</summary>
    public CosineAnnealingLR(Optimizer optimizer, int tMax, double etaMin = 0) : base(optimizer)
    {
        if (tMax < 1) throw new ArgumentOutOfRangeException(nameof(tMax), tMax, "must be positive");
        TMax = tMax; EtaMin = etaMin;
        Start();
    }

    /// <summary>Steps in a half cosine period.</summary>
    public int TMax { get; }
    /// <summary>The minimum learning rate.</summary>
    public double EtaMin { get; }

    /// <inheritdoc/>
    protected override double LearningRateAt(double baseLr, int group, int step) =>
        EtaMin + (baseLr - EtaMin) * (1 + Math.Cos(Math.PI * step / TMax)) / 2;
}
