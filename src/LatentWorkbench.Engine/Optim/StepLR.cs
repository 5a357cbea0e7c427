namespace LatentWorkbench.Engine.Optim;

/// <summary>Decays the learning rate by <see cref="Gamma"/> every <see cref="StepSize"/> steps: lr = base * gamma^floor(t / stepSize).</summary>
public sealed class StepLR : LRScheduler
{
    /// <summary>Creates the schedule and applies step 0.</summary>
    public StepLR(Optimizer optimizer, int stepSize, double gamma = 0.1) : base(optimizer)
    {
        if (stepSize < 1) throw new ArgumentOutOfRangeException(nameof(stepSize), stepSize, "must be positive");
        StepSize = stepSize; Gamma = gamma;
        Start();
    }

    /// <summary>Steps between decays.</summary>
    public int StepSize { get; }
    /// <summary>Multiplicative decay factor.</summary>
    public double Gamma { get; }

    /// <inheritdoc/>
    protected override double LearningRateAt(double baseLr, int group, int step) => baseLr * Math.Pow(Gamma, step / StepSize);
}
