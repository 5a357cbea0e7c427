namespace LatentWorkbench.Engine.Optim;

/// <summary>Learning rate = base * factor(t) for a user-supplied factor (torch's LambdaLR).</summary>
public sealed class LambdaLR : LRScheduler
{
    private readonly Func<int, double> _factor;

    /// <summary>Creates the schedule and applies step 0.</summary>
    public LambdaLR(Optimizer optimizer, Func<int, double> factor) : base(optimizer)
    {
        _factor = factor ?? throw new ArgumentNullException(nameof(factor));
        Start();
    }

    /// <inheritdoc/>
    protected override double LearningRateAt(double baseLr, int group, int step) => baseLr * _factor(step);
}
