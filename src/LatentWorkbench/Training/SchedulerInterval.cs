namespace LatentWorkbench.Training;

/// <summary>When the <see cref="Trainer"/> steps its learning-rate scheduler.</summary>
public enum SchedulerInterval
{
    /// <summary>Once after every epoch (a step schedule counted in epochs, a per-epoch triangle).</summary>
    Epoch,

    /// <summary>Once after every optimizer step (a cyclic schedule counted in minibatches).</summary>
    Step,
}
