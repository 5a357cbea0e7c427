using System.Globalization;

namespace LatentWorkbench.Training;

/// <summary>What one epoch produced: mean losses, throughput, learning rate and any callback metrics.</summary>
/// <param name="Epoch">Epoch number, 1-based.</param>
/// <param name="TrainLoss">Mean training loss per sample over the epoch (NaN when no batch ran).</param>
/// <param name="TestLoss">Mean test loss per sample; null when the epoch was not evaluated.</param>
/// <param name="Seconds">Wall time of the epoch's training steps.</param>
/// <param name="SamplesPerSecond">Training throughput.</param>
/// <param name="LearningRate">The optimizer's learning rate at the end of the epoch.</param>
public sealed record EpochMetrics(
    int Epoch,
    double TrainLoss,
    double? TestLoss,
    double Seconds,
    double SamplesPerSecond,
    double LearningRate)
{
    /// <summary>Extra metrics added by callbacks (name -> value).</summary>
    public Dictionary<string, double> Extra { get; init; } = new();

    /// <summary>A one-line summary for logs.</summary>
    public override string ToString()
    {
        var s = string.Create(CultureInfo.InvariantCulture,
            $"epoch {Epoch}: train loss {TrainLoss:G5}{(TestLoss is double t ? $", test loss {t:G5}" : "")}, lr {LearningRate:G3}, {SamplesPerSecond:F0} samples/s, {Seconds:F1} s");
        foreach (var (k, v) in Extra) s += string.Create(CultureInfo.InvariantCulture, $", {k} {v:G5}");
        return s;
    }
}
