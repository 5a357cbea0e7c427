namespace LatentWorkbench.Training;

/// <summary>Hook called by <see cref="Trainer"/> after every epoch and every step, e.g. to track attractors during training.</summary>
public interface ITrainingCallback
{
    /// <summary>Called after the epoch's metrics are computed; may add entries to <see cref="EpochMetrics.Extra"/>.</summary>
    void OnEpochEnd(Trainer trainer, EpochMetrics metrics);

    /// <summary>Called once before the first epoch of a fresh (not resumed) run, to record the untrained state ("epoch 0").</summary>
    void OnTrainingStart(Trainer trainer)
    {
    }

    /// <summary>Called after every optimizer step (and scheduler step, when it runs per step) with the step's loss.</summary>
    void OnBatchEnd(Trainer trainer, BatchMetrics batch)
    {
    }
}
