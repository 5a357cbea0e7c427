using System.Diagnostics;
using System.Globalization;
using LatentWorkbench.Data;
using LatentWorkbench.Engine;
using LatentWorkbench.Engine.Autograd;
using LatentWorkbench.Engine.NN;
using LatentWorkbench.Engine.Optim;
using LatentWorkbench.Progress;

namespace LatentWorkbench.Training;

/// <summary>
/// The training loop the notebooks and the CLI share: epochs of zero_grad / backward / step, per-epoch
/// metrics, callbacks, a progress bar, atomic resumable checkpoints, and a clear stop on a NaN/Inf loss.
/// </summary>
public sealed class Trainer
{
    private readonly Func<Tensor, int[], Tensor> _loss;

    /// <summary>Creates a trainer. <paramref name="loss"/> maps a batch (inputs, labels) to a scalar loss.</summary>
    public Trainer(Module model, Optimizer optimizer, Func<Tensor, int[], Tensor> loss, LRScheduler? scheduler = null)
    {
        Model = model;
        Optimizer = optimizer;
        Scheduler = scheduler;
        _loss = loss;
    }

    /// <summary>The model being trained.</summary>
    public Module Model { get; }

    /// <summary>The optimizer stepping the model's parameters.</summary>
    public Optimizer Optimizer { get; }

    /// <summary>Learning-rate schedule stepped once per epoch, or null.</summary>
    public LRScheduler? Scheduler { get; }

    /// <summary>Hooks run after every epoch.</summary>
    public List<ITrainingCallback> Callbacks { get; } = [];

    /// <summary>Metrics of every completed epoch, including those restored from a checkpoint.</summary>
    public List<EpochMetrics> History { get; private set; } = [];

    /// <summary>Trains for <see cref="TrainingOptions.Epochs"/> epochs (resuming from a checkpoint when asked) and returns the history.</summary>
    public IReadOnlyList<EpochMetrics> Fit(DataLoader train, DataLoader? test, TrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.EvaluateEvery < 1)
            throw new ArgumentOutOfRangeException(nameof(options), options.EvaluateEvery, "TrainingOptions.EvaluateEvery must be at least 1 (epochs between test evaluations)");
        int start = 0;
        string? lastCheckpoint = null;
        if (options.CheckpointPath is string path && options.Resume && File.Exists(path))
        {
            (start, History, bool schedulerRestored) = Checkpoint.Load(path, Model, Optimizer, Scheduler);
            // Checkpoints from before schedulers were saved: replay the per-epoch steps instead.
            if (!schedulerRestored) for (int e = 0; e < start; e++) Scheduler?.Step();
            lastCheckpoint = path;
            if (options.PrintEpochSummary) Console.WriteLine($"resumed from {path} after epoch {start}");
        }

        if (start == 0)
            foreach (var callback in Callbacks) callback.OnTrainingStart(this);
        for (int epoch = start; epoch < options.Epochs; epoch++)
        {
            using var bar = options.ShowProgress ? new ProgressBar($"epoch {epoch + 1}/{options.Epochs}", train.DropLast ? (long)train.BatchCount * train.BatchSize : train.Dataset.Count, "samples") : null;
            var metrics = RunEpoch(train, test, epoch, options, lastCheckpoint, bar);
            History.Add(metrics);
            foreach (var callback in Callbacks) callback.OnEpochEnd(this, metrics);
            Scheduler?.Step();
            // In a notebook the epoch's bar becomes its summary, so an epoch leaves one line; elsewhere both are printed.
            if (bar is { IsLive: true }) bar.Finish(options.PrintEpochSummary ? metrics.ToString() : null);
            else if (options.PrintEpochSummary) Console.WriteLine(metrics);

            bool last = epoch == options.Epochs - 1;
            if (options.CheckpointPath is string checkpoint && ((epoch + 1) % Math.Max(options.CheckpointEvery, 1) == 0 || last))
            {
                Checkpoint.Save(checkpoint, Model, Optimizer, epoch + 1, History, Scheduler);
                lastCheckpoint = checkpoint;
            }
        }
        return History;
    }

    private EpochMetrics RunEpoch(DataLoader train, DataLoader? test, int epoch, TrainingOptions options, string? lastCheckpoint, ProgressBar? bar)
    {
        Model.Train();
        var clock = Stopwatch.StartNew();
        double lossSum = 0;
        long samples = 0;
        int batchIndex = 0;
        using var batches = train.Epoch(epoch).GetEnumerator();
        while (true)
        {
            // One dispose scope per step, the batch included: its activations and gradients go back to the tensor
            // pool and the next step reuses them, so steady-state training allocates no tensor memory.
            using var scope = DisposeScope.Begin();
            Interruption.ThrowIfRequested();
            if (!batches.MoveNext()) break;
            var (inputs, labels) = batches.Current;
            Optimizer.ZeroGrad();
            var loss = _loss(inputs, labels);
            float value = loss.Item();
            if (!float.IsFinite(value)) throw new NonFiniteLossException(epoch + 1, batchIndex, value, lastCheckpoint);
            loss.Backward();
            Optimizer.Step();
            int n = inputs.Shape[0];
            lossSum += (double)value * n;
            samples += n;
            batchIndex++;
            bar?.Advance(n, string.Create(CultureInfo.InvariantCulture, $"loss {lossSum / samples:G4}"));
        }
        double seconds = clock.Elapsed.TotalSeconds;
        if (bar is not { IsLive: true }) bar?.Finish();
        bool evaluate = (epoch + 1) % options.EvaluateEvery == 0 || epoch == options.Epochs - 1;
        double? testLoss = test is not null && evaluate ? Evaluate(test) : null;
        return new EpochMetrics(epoch + 1, samples == 0 ? double.NaN : lossSum / samples, testLoss, seconds,
            samples / Math.Max(seconds, 1e-9), Optimizer.LearningRate);
    }

    /// <summary>Mean loss over a data source in eval mode without gradients.</summary>
    public double Evaluate(DataLoader data)
    {
        bool wasTraining = Model.Training;
        Model.Eval();
        try
        {
            using var _ = GradMode.NoGrad();
            double sum = 0;
            long count = 0;
            using var batches = data.Epoch(0).GetEnumerator();
            while (true)
            {
                using var scope = DisposeScope.Begin();
                if (!batches.MoveNext()) break;
                var (inputs, labels) = batches.Current;
                int n = inputs.Shape[0];
                sum += (double)_loss(inputs, labels).Item() * n;
                count += n;
            }
            return count == 0 ? double.NaN : sum / count;
        }
        finally
        {
            Model.Train(wasTraining);
        }
    }
}
