namespace LatentWorkbench.Training;

/// <summary>What one optimizer step saw: its minibatch's loss and size.</summary>
/// <param name="Epoch">Epoch (1-based, as in <see cref="EpochMetrics.Epoch"/>).</param>
/// <param name="Batch">Index of the batch within the epoch (0-based).</param>
/// <param name="Loss">The minibatch's loss, as the loss function returned it.</param>
/// <param name="Samples">Rows in the minibatch.</param>
public readonly record struct BatchMetrics(int Epoch, int Batch, float Loss, int Samples);
