namespace LatentWorkbench.Engine.Optim;

/// <summary>Decays the learning rate by <see cref="Gamma"/> at each milestone: lr = base * gamma^(number of milestones &lt;= t).</summary>
public sealed class MultiStepLR : LRScheduler
{
    private readonly int[] _milestones;

    /// <summary>Creates the schedule and applies step 0.</summary>
    public MultiStepLR(Optimizer optimizer, IEnumerable<int> milestones, double gamma = 0.1) : base(optimizer)
    {
        ArgumentNullException.ThrowIfNull(milestones);
        _milestones = [.. milestones.Order()];
        Gamma = gamma;
        Start();
    }

    /// <summary>The steps at which the rate decays, sorted.</summary>
    public IReadOnlyList<int> Milestones => _milestones;
    /// <summary>Multiplicative decay factor.</summary>
    public double Gamma { get; }

    /// <inheritdoc/>
    protected override double LearningRateAt(double baseLr, int group, int step)
    {
        int passed = 0;
        foreach (int m in _milestones) if (m <= step) passed++;
        return baseLr * Math.Pow(Gamma, passed);
    }
}
