namespace LatentWorkbench.Training;

/// <summary>Training stopped because the loss became NaN or infinite.</summary>
public sealed class NonFiniteLossException(int epoch, int batch, double loss, string? lastCheckpoint)
    : Exception($"loss became {loss} at epoch {epoch}, batch {batch}; " +
                (lastCheckpoint is null ? "no checkpoint was written." : $"the last good checkpoint is kept at {lastCheckpoint}.") +
                " Try a lower learning rate or check the inputs for NaN.")
{
    /// <summary>Epoch (1-based) in which the loss diverged.</summary>
    public int Epoch { get; } = epoch;

    /// <summary>Batch index (0-based) within the epoch.</summary>
    public int Batch { get; } = batch;
}
