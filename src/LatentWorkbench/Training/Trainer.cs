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
/// The training loop of every model in the workbench (autoencoders, the residual classifier, the Koopman autoencoder):
/// epochs of zero_grad / loss / backward / step over an <see cref="IBatchSource"/>, a learning-rate scheduler stepped
/// per epoch or per step, per-epoch metrics, callbacks, a progress bar, atomic resumable checkpoints, and a clear stop
/// on a NaN/Inf loss.
/// </summary>
/// <example>
/// <code>
/// var trainer = new Trainer(model, new Adam(model.Parameters(), lr: 1e-3), (x, y) => F.CrossEntropy(model.Call(x), y));
/// trainer.Fit(new TensorBatches(x, y, batchSize: 64), null, new TrainingOptions { Epochs = 5 });   // x [n, d], y [n]
/// </code>
/// </example>
public sealed class Trainer
{
    private readonly Func<Batch, Tensor> _loss;

    /// <summary>Creates a trainer. <paramref name="loss"/> maps a batch (inputs, labels) to a scalar loss.</summary>
    public Trainer(Module model, Optimizer optimizer, Func<Tensor, int[], Tensor> loss, LRScheduler? scheduler = null)
        : this(model, optimizer, BatchLoss(loss), scheduler)
    {
    }

    /// <summary>
    /// Creates a trainer whose <paramref name="loss"/> maps a whole batch (inputs, labels, targets) to a scalar loss,
    /// e.g. a Koopman autoencoder's loss on (first-layer, last-layer) pairs; <paramref name="interval"/> says whether
    /// <paramref name="scheduler"/> steps after every epoch or after every optimizer step.
    /// </summary>
    public Trainer(Module model, Optimizer optimizer, Func<Batch, Tensor> loss, LRScheduler? scheduler = null, SchedulerInterval interval = SchedulerInterval.Epoch)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(loss);
        if (!Enum.IsDefined(interval)) throw new ArgumentOutOfRangeException(nameof(interval), interval, "expected SchedulerInterval.Epoch or SchedulerInterval.Step");
        Model = model;
        Optimizer = optimizer;
        Scheduler = scheduler;
        SchedulerInterval = interval;
        _loss = loss;
    }

    private static Func<Batch, Tensor> BatchLoss(Func<Tensor, int[], Tensor> loss)
    {
        ArgumentNullException.ThrowIfNull(loss);
        return batch => loss(batch.Inputs, batch.Labels);
    }

    /// <summary>The model being trained.</summary>
    public Module Model { get; }

    /// <summary>The optimizer stepping the model's parameters.</summary>
    public Optimizer Optimizer { get; }

    /// <summary>Learning-rate schedule, or null.</summary>
    public LRScheduler? Scheduler { get; }

    /// <summary>Whether <see cref="Scheduler"/> steps after every epoch or after every optimizer step.</summary>
    public SchedulerInterval SchedulerInterval { get; }

    /// <summary>Hooks run after every epoch and every optimizer step.</summary>
    public List<ITrainingCallback> Callbacks { get; } = [];

    /// <summary>Metrics of every completed epoch, including those restored from a checkpoint.</summary>
    public List<EpochMetrics> History { get; private set; } = [];

    /// <summary>Trains for <see cref="TrainingOptions.Epochs"/> epochs (resuming from a checkpoint when asked) and returns the history.</summary>
    public IReadOnlyList<EpochMetrics> Fit(IBatchSource train, IBatchSource? test, TrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(options);
        if (options.EvaluateEvery < 1)
            throw new ArgumentOutOfRangeException(nameof(options), options.EvaluateEvery, "TrainingOptions.EvaluateEvery must be at least 1 (epochs between test evaluations)");
        int start = 0;
        string? lastCheckpoint = null;
        if (options.CheckpointPath is string path && options.Resume && File.Exists(path))
        {
            (start, History, bool schedulerRestored) = Checkpoint.Load(path, Model, Optimizer, Scheduler);
            // Checkpoints from before schedulers were saved: replay the per-epoch steps instead (they predate
            // per-step schedules, which always save their state).
            if (!schedulerRestored && SchedulerInterval == SchedulerInterval.Epoch) for (int e = 0; e < start; e++) Scheduler?.Step();
            lastCheckpoint = path;
            if (options.PrintEpochSummary) Console.WriteLine($"resumed from {path} after epoch {start}");
        }

        if (start == 0)
            foreach (var callback in Callbacks) callback.OnTrainingStart(this);
        for (int epoch = start; epoch < options.Epochs; epoch++)
        {
            using var bar = options.ShowProgress ? new ProgressBar($"epoch {epoch + 1}/{options.Epochs}", train.SampleCount, "samples") : null;
            var metrics = RunEpoch(train, test, epoch, options, lastCheckpoint, bar);
            History.Add(metrics);
            foreach (var callback in Callbacks) callback.OnEpochEnd(this, metrics);
            if (SchedulerInterval == SchedulerInterval.Epoch) Scheduler?.Step();
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

    private EpochMetrics RunEpoch(IBatchSource train, IBatchSource? test, int epoch, TrainingOptions options, string? lastCheckpoint, ProgressBar? bar)
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
            var batch = batches.Current;
            Optimizer.ZeroGrad();
            var loss = _loss(batch);
            float value = loss.Item();
            if (!float.IsFinite(value)) throw new NonFiniteLossException(epoch + 1, batchIndex, value, lastCheckpoint);
            loss.Backward();
            Optimizer.Step();
            if (SchedulerInterval == SchedulerInterval.Step) Scheduler?.Step();
            int n = batch.Inputs.Shape[0];
            foreach (var callback in Callbacks) callback.OnBatchEnd(this, new BatchMetrics(epoch + 1, batchIndex, value, n));
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
    public double Evaluate(IBatchSource data)
    {
        ArgumentNullException.ThrowIfNull(data);
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
                var batch = batches.Current;
                int n = batch.Inputs.Shape[0];
                sum += (double)_loss(batch).Item() * n;
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
