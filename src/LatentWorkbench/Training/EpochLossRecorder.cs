namespace LatentWorkbench.Training;

/// <summary>
/// The mean training loss of each epoch as the classifier and Koopman fits report it: each step's float loss times
/// its rows, summed in double and divided by all <c>rows</c> of the data (rows in skipped batches included).
/// </summary>
internal sealed class EpochLossRecorder(int epochs, int rows) : ITrainingCallback
{
    private readonly float[] _losses = new float[epochs];
    private readonly bool[] _seen = new bool[epochs];
    private double _sum;

    public void OnBatchEnd(Trainer trainer, BatchMetrics batch) => _sum += batch.Loss * batch.Samples;

    public void OnEpochEnd(Trainer trainer, EpochMetrics metrics)
    {
        _losses[metrics.Epoch - 1] = (float)(_sum / rows);
        _seen[metrics.Epoch - 1] = true;
        _sum = 0;
    }

    /// <summary>One mean per epoch; epochs restored from a checkpoint (not seen here) carry the trainer's own mean.</summary>
    public float[] Losses(IReadOnlyList<EpochMetrics> history)
    {
        foreach (var m in history)
            if (m.Epoch >= 1 && m.Epoch <= _losses.Length && !_seen[m.Epoch - 1]) _losses[m.Epoch - 1] = (float)m.TrainLoss;
        return _losses;
    }
}
