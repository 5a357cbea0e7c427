using System.Globalization;
using System.Text.Json;
using LatentWorkbench.Engine;
using LatentWorkbench.Engine.NN;
using LatentWorkbench.Engine.Optim;
using LatentWorkbench.Engine.Serialization;

namespace LatentWorkbench.Training;

/// <summary>
/// A resumable training snapshot in one safetensors file: the model's state under "model.", the
/// optimizer's under "optim.", the learning-rate scheduler's (when there is one) under "sched.", and the epoch and
/// metric history in the header metadata.
/// </summary>
public static class Checkpoint
{
    private const string ModelPrefix = "model.";
    private const string OptimizerPrefix = "optim.";
    private const string SchedulerPrefix = "sched.";

    /// <summary>Writes the snapshot atomically (a crash mid-write leaves the previous checkpoint intact).</summary>
    public static void Save(string path, Module model, Optimizer optimizer, int epochsDone, IReadOnlyList<EpochMetrics> history, LRScheduler? scheduler = null)
    {
        var tensors = new Dictionary<string, Tensor>();
        foreach (var (name, t) in model.StateDict()) tensors[ModelPrefix + name] = t;
        foreach (var (name, t) in optimizer.StateDict()) tensors[OptimizerPrefix + name] = t;
        if (scheduler is not null)
            foreach (var (name, t) in scheduler.StateDict()) tensors[SchedulerPrefix + name] = t;
        var metadata = new Dictionary<string, string>
        {
            ["format"] = "latentworkbench-checkpoint-1",
            ["epochs_done"] = epochsDone.ToString(CultureInfo.InvariantCulture),
            ["history"] = JsonSerializer.Serialize(history.Select(h => new HistoryRow(h.Epoch, h.TrainLoss, h.TestLoss, h.Seconds, h.SamplesPerSecond, h.LearningRate, h.Extra))),
        };
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null) Directory.CreateDirectory(directory);
        SafeTensors.Save(path, tensors, metadata);
    }

    /// <summary>
    /// Restores model, optimizer and (when given and saved) scheduler in place; returns the number of completed
    /// epochs, the history, and whether the scheduler's state was in the file (checkpoints written before schedulers
    /// were saved have none).
    /// </summary>
    public static (int EpochsDone, List<EpochMetrics> History, bool SchedulerRestored) Load(string path, Module model, Optimizer optimizer, LRScheduler? scheduler = null)
    {
        var file = SafeTensors.Load(path);
        var modelState = new Dictionary<string, Tensor>();
        var optimizerState = new Dictionary<string, Tensor>();
        var schedulerState = new Dictionary<string, Tensor>();
        foreach (var (name, t) in file.Tensors)
        {
            if (name.StartsWith(ModelPrefix, StringComparison.Ordinal)) modelState[name[ModelPrefix.Length..]] = t;
            else if (name.StartsWith(OptimizerPrefix, StringComparison.Ordinal)) optimizerState[name[OptimizerPrefix.Length..]] = t;
            else if (name.StartsWith(SchedulerPrefix, StringComparison.Ordinal)) schedulerState[name[SchedulerPrefix.Length..]] = t;
        }
        if (!file.Metadata.TryGetValue("epochs_done", out var doneText) || !int.TryParse(doneText, CultureInfo.InvariantCulture, out int done))
            throw new InvalidDataException($"{path}: not a LatentWorkbench checkpoint (metadata 'epochs_done' missing)");
        model.LoadStateDict(modelState);
        optimizer.LoadStateDict(optimizerState);
        bool schedulerRestored = scheduler is not null && schedulerState.Count > 0;
        if (schedulerRestored) scheduler!.LoadStateDict(schedulerState);
        var history = new List<EpochMetrics>();
        if (file.Metadata.TryGetValue("history", out var json))
        {
            foreach (var row in JsonSerializer.Deserialize<List<HistoryRow>>(json) ?? [])
                history.Add(new EpochMetrics(row.Epoch, row.TrainLoss, row.TestLoss, row.Seconds, row.SamplesPerSecond, row.LearningRate) { Extra = row.Extra });
        }
        return (done, history, schedulerRestored);
    }

    private sealed record HistoryRow(int Epoch, double TrainLoss, double? TestLoss, double Seconds, double SamplesPerSecond, double LearningRate, Dictionary<string, double> Extra);
}
