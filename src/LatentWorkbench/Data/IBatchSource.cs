namespace LatentWorkbench.Data;

/// <summary>
/// Where the <see cref="Training.Trainer"/> gets its minibatches: a <see cref="DataLoader"/> over a dataset, or
/// <see cref="TensorBatches"/> over tensors already in memory. Epoch e's batches depend only on the source's settings
/// and e, so a run resumed from a checkpoint sees the batches an uninterrupted run would.
/// </summary>
public interface IBatchSource
{
    /// <summary>Samples the batches of one epoch hold together (the progress bar's total).</summary>
    int SampleCount { get; }

    /// <summary>The batches of epoch <paramref name="epoch"/> (0-based), each made when it is enumerated.</summary>
    IEnumerable<Batch> Epoch(int epoch = 0);
}
