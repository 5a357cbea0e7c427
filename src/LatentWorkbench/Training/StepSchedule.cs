namespace LatentWorkbench.Training;

/// <summary>
/// A step learning-rate schedule: lr = base * <paramref name="Gamma"/>^floor(epoch / <paramref name="StepSize"/>).
/// The latent-field paper trains with "a step LR schedule" without giving its constants.
/// </summary>
public sealed record StepSchedule(int StepSize, double Gamma)
{
    internal void Validate()
    {
        if (StepSize < 1) throw new ArgumentOutOfRangeException(nameof(StepSize), StepSize, "the schedule's step size (in epochs) must be at least 1");
        if (!(Gamma > 0 && Gamma <= 1)) throw new ArgumentOutOfRangeException(nameof(Gamma), Gamma, "the schedule's decay factor must lie in (0, 1]");
    }
}
