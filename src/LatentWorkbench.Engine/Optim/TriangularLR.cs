namespace LatentWorkbench.Engine.Optim;

/// <summary>
/// A linear warm-up and linear decay: the rate rises from 0 at step 0 to the base rate (the optimizer's lr, the peak)
/// at step <c>peakFraction * totalSteps</c>, then falls to 0 at step <c>totalSteps</c> and stays 0 after.
/// The Koopman surrogate training uses it per epoch with the peak at 20% of the epochs.
/// </summary>
public sealed class TriangularLR : LRScheduler
{
    /// <summary>Creates the schedule and applies step 0 (rate 0 unless the peak is at step 0).</summary>
    public TriangularLR(Optimizer optimizer, int totalSteps, double peakFraction = 0.2) : base(optimizer)
    {
        if (totalSteps < 1) throw new ArgumentOutOfRangeException(nameof(totalSteps), totalSteps, "must be positive");
        if (peakFraction is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(peakFraction), peakFraction, "must lie in [0, 1]");
        TotalSteps = totalSteps; PeakFraction = peakFraction;
        Start();
    }

    /// <summary>The step at which the rate returns to 0.</summary>
    public int TotalSteps { get; }
    /// <summary>Where the peak lies, as a fraction of <see cref="TotalSteps"/>.</summary>
    public double PeakFraction { get; }

    /// <summary>The factor (0..1) multiplying the peak rate at <paramref name="step"/>: piecewise-linear interpolation through (0, 0), (peak, 1), (total, 0).</summary>
    public double Factor(int step)
    {
        double peak = PeakFraction * TotalSteps;
        if (step >= TotalSteps) return 0;
        if (step < peak) return step / peak;
        return peak >= TotalSteps ? 1 : (TotalSteps - step) / (TotalSteps - peak);
    }

    /// <inheritdoc/>
    protected override double LearningRateAt(double baseLr, int group, int step) => baseLr * Factor(step);
}
