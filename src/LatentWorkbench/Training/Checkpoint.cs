using System.Globalization;
using System.Text.Json;
using LatentWorkbench.Engine;
using LatentWorkbench.Engine.NN;
using LatentWorkbench.Engine.Optim;
using LatentWorkbench.Engine.Serialization;

namespace LatentWorkbench.Training;

/// <summary>
/// A resumable training snapshot in one safetensors file: the model's state under "model.", the
/// optimizer's under "optim.", and the epoch and metric history in the header metadata.
/// </summary>
public static class Checkpoint
{
    private const string ModelPrefix = "model.";
    private const string OptimizerPrefix = "optim.";

    /// <summary>Writes the snapshot atomically (a crash mid-write leaves the previous checkpoint intact).</summary>
    public static void Save(string path, Module model, Optimizer optimizer, int epochsDone, IReadOnlyList<EpochMetrics> history)
    {
        var tensors = new Dictionary<string, Tensor>();
        foreach (var (name, t) in model.StateDict()) tensors[ModelPrefix + name] = t;
        foreach (var (name, t) in optimizer.StateDict()) tensors[OptimizerPrefix + name] = t;
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

    /// <summary>Restores model and optimizer in place; returns the number of completed epochs and the history.</summary>
    public static (int EpochsDone, List<EpochMetrics> History) Load(string path, Module model, Optimizer optimizer)
    {
        var file = SafeTensors.Load(path);
        var modelState = new Dictionary<string, Tensor>();
        var optimizerState = new Dictionary<string, Tensor>();
        foreach (var (name, t) in file.Tensors)
        {
            if (name.StartsWith(ModelPrefix, StringComparison.Ordinal)) modelState[name[ModelPrefix.Length..]] = t;
            else if (name.StartsWith(OptimizerPrefix, StringComparison.Ordinal)) optimizerState[name[OptimizerPrefix.Length..]] = t;
        }
        if (!file.Metadata.TryGetValue("epochs_done", out var doneText) || !int.TryParse(doneText, CultureInfo.InvariantCulture, out int done))
            throw new InvalidDataException($"{path}: not a LatentWorkbench checkpoint (metadata 'epochs_done' missing)");
        model.LoadStateDict(modelState);
        optimizer.LoadStateDict(optimizerState);
        var history = new List<EpochMetrics>();
        if (file.Metadata.TryGetValue("history", out var json))
        {
            foreach (var row in JsonSerializer.Deserialize<List<HistoryRow>>(json) ?? [])
                history.Add(new EpochMetrics(row.Epoch, row.TrainLoss, row.TestLoss, row.Seconds, row.SamplesPerSecond, row.LearningRate) { Extra = row.Extra });
        }
        return (done, history);
    }

    private sealed record HistoryRow(int Epoch, double TrainLoss, double? TestLoss, double Seconds, double SamplesPerSecond, double LearningRate, Dictionary<string, double> Extra);
}
