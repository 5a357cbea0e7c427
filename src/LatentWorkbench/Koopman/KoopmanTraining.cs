using LatentWorkbench.Data;
using LatentWorkbench.Engine;
using LatentWorkbench.Engine.Autograd;
using LatentWorkbench.Engine.Optim;
using LatentWorkbench.Models;
using LatentWorkbench.Training;

namespace LatentWorkbench.Koopman;

/// <summary>Fits a <see cref="KoopmanAutoencoder"/> to (first layer, last layer) state pairs.</summary>
public static class KoopmanTraining
{
    /// <summary>
    /// Fits <paramref name="model"/> to state pairs <paramref name="first"/> [n, p] -> <paramref name="last"/> [n, p]
    /// with AdamW (no decay on biases) under a per-epoch triangular schedule, on minibatches shuffled by
    /// <see cref="KoopmanOptions.Seed"/>; returns the mean total loss of each epoch [epochs].
    /// <paramref name="training"/> turns on the <see cref="Trainer"/>'s progress bar, epoch lines or checkpoints
    /// (quiet by default); its epoch count is <see cref="KoopmanOptions.Epochs"/>.
    /// </summary>
    /// <example>
    /// <code>
    /// var kae = new KoopmanAutoencoder([10, 30, 20], steps: 10, new Generator(0));
    /// var losses = KoopmanTraining.Train(kae, firstLayer, lastLayer, new KoopmanOptions { Epochs = 100 });   // [n, 10] each
    /// </code>
    /// </example>
    public static float[] Train(KoopmanAutoencoder model, Tensor first, Tensor last, KoopmanOptions options, TrainingOptions? training = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (first.Size(0) != last.Size(0)) throw new ArgumentException($"first has {first.Size(0)} rows, last has {last.Size(0)}", nameof(last));
        if (first.Size(1) != model.StateDim || last.Size(1) != model.StateDim)
            throw new ArgumentException($"states must have {model.StateDim} columns", nameof(first));
        if (options.Epochs < 1) throw new ArgumentOutOfRangeException(nameof(options), options.Epochs, "Epochs must be positive");
        var optimizer = new AdamW(ParamGroups.SplitDecay(model, options.WeightDecay), lr: options.PeakLearningRate, weightDecay: options.WeightDecay);
        var scheduler = new TriangularLR(optimizer, options.Epochs, 0.2);
        var batches = new TensorBatches(first, targets: last, batchSize: options.BatchSize, seed: options.Seed);
        var trainer = new Trainer(model, optimizer, batch => KoopmanLosses.Compute(model, batch.Inputs, batch.Targets!).Total(options), scheduler, SchedulerInterval.Epoch);
        var recorder = new EpochLossRecorder(options.Epochs, batches.Rows);
        trainer.Callbacks.Add(recorder);
        var history = trainer.Fit(batches, null, (training ?? ClassifierTraining.Quiet) with { Epochs = options.Epochs });
        model.Eval();
        return recorder.Losses(history);
    }

    /// <summary>The decoded prediction psi(phi(x0) A) for an operator A (default K^k), without gradients.</summary>
    public static Tensor Predict(KoopmanAutoencoder model, Tensor first, Tensor? operatorA = null)
    {
        using var _ = GradMode.NoGrad();
        var a = operatorA ?? model.FullOperator();
        return model.Decode(model.Encode(first).MatMul(a));
    }
}
