using LatentWorkbench.Data;
using LatentWorkbench.Engine;
using LatentWorkbench.Engine.Autograd;
using LatentWorkbench.Engine.NN;
using LatentWorkbench.Engine.Optim;
using LatentWorkbench.Models;
using LatentWorkbench.Training;

namespace LatentWorkbench.Koopman;

/// <summary>Training, evaluation and hidden-state capture of a <see cref="ResidualMlp"/>.</summary>
public static class ClassifierTraining
{
    /// <summary>
    /// Trains with SGD (momentum, weight decay) under one triangular CyclicLR cycle spanning all steps, on minibatches
    /// of <paramref name="inputs"/> [n, d] and <paramref name="labels"/> [n] shuffled by <see cref="ClassifierOptions.Seed"/>
    /// (a final batch of one row is skipped: batch normalisation needs two). Returns the mean training loss of each
    /// epoch [epochs]. <paramref name="training"/> turns on the <see cref="Trainer"/>'s progress bar, epoch lines or
    /// checkpoints (quiet by default); its epoch count is <see cref="ClassifierOptions.Epochs"/>.
    /// </summary>
    /// <example>
    /// <code>
    /// var model = new ResidualMlp(2, 64, 3, 3, new Generator(0));
    /// var losses = ClassifierTraining.Train(model, x, y, new ClassifierOptions { Epochs = 20 });   // x [n, 2], y [n]
    /// </code>
    /// </example>
    public static float[] Train(ResidualMlp model, Tensor inputs, int[] labels, ClassifierOptions options, TrainingOptions? training = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (inputs.Size(0) != labels.Length)
            throw new ArgumentException($"inputs has {inputs.Size(0)} rows but labels has {labels.Length}", nameof(labels));
        if (options.Epochs < 1) throw new ArgumentOutOfRangeException(nameof(options), options.Epochs, "Epochs must be positive");
        var batches = new TensorBatches(inputs, labels, batchSize: options.BatchSize, seed: options.Seed, minBatchSize: 2);
        int batchesPerEpoch = (batches.Rows + batches.BatchSize - 1) / batches.BatchSize;
        int totalSteps = options.Epochs * batchesPerEpoch;
        var optimizer = new SGD(model.Parameters(), options.PeakLearningRate, momentum: options.Momentum, weightDecay: options.WeightDecay);
        int up = Math.Max(1, totalSteps / 2);
        var scheduler = new CyclicLR(optimizer, options.BaseLearningRate, options.PeakLearningRate, up, Math.Max(1, totalSteps - up), cycleMomentum: false);
        var trainer = new Trainer(model, optimizer, batch => F.CrossEntropy(model.Call(batch.Inputs), batch.Labels), scheduler, SchedulerInterval.Step);
        var recorder = new EpochLossRecorder(options.Epochs, batches.Rows);
        trainer.Callbacks.Add(recorder);
        var history = trainer.Fit(batches, null, (training ?? Quiet) with { Epochs = options.Epochs });
        model.Eval();
        return recorder.Losses(history);
    }

    /// <summary>No progress bar, no epoch lines, no checkpoints: a study trains many classifiers.</summary>
    internal static TrainingOptions Quiet { get; } = new() { ShowProgress = false, PrintEpochSummary = false };

    /// <summary>Predicted classes [n] of <paramref name="inputs"/> [n, d] in evaluation mode.</summary>
    public static int[] Predict(ResidualMlp model, Tensor inputs)
    {
        model.Eval();
        using var _ = GradMode.NoGrad();
        return model.Call(inputs).ArgMax(1);
    }

    /// <summary>Fraction of <paramref name="predictions"/> [n] equal to <paramref name="labels"/> [n].</summary>
    public static double Accuracy(int[] predictions, int[] labels)
    {
        if (predictions.Length != labels.Length) throw new ArgumentException($"{predictions.Length} predictions for {labels.Length} labels", nameof(predictions));
        if (labels.Length == 0) throw new ArgumentException("no labels to score", nameof(labels));
        int hit = 0;
        for (int i = 0; i < labels.Length; i++) if (predictions[i] == labels[i]) hit++;
        return (double)hit / labels.Length;
    }

    /// <summary>Accuracy within each class, [classes] (NaN for a class without samples); <paramref name="predictions"/> and <paramref name="labels"/> [n].</summary>
    public static double[] PerClassAccuracy(int[] predictions, int[] labels, int classes)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        ArgumentNullException.ThrowIfNull(labels);
        if (classes < 1) throw new ArgumentOutOfRangeException(nameof(classes), classes, "must be at least 1");
        if (predictions.Length != labels.Length)
            throw new ArgumentException($"predictions: expected [n] with n = {labels.Length} (one per label), got {predictions.Length}", nameof(predictions));
        for (int i = 0; i < labels.Length; i++)
            if ((uint)labels[i] >= (uint)classes) throw new ArgumentOutOfRangeException(nameof(labels), labels[i], $"label at {i} must be in 0..{classes - 1}");
        var hit = new int[classes];
        var total = new int[classes];
        for (int i = 0; i < labels.Length; i++)
        {
            total[labels[i]]++;
            if (predictions[i] == labels[i]) hit[labels[i]]++;
        }
        var acc = new double[classes];
        for (int c = 0; c < classes; c++) acc[c] = total[c] == 0 ? double.NaN : (double)hit[c] / total[c];
        return acc;
    }

    /// <summary>
    /// The hidden states of every layer (input layer, then each block) for all rows of <paramref name="inputs"/>,
    /// captured with forward hooks in evaluation mode: <see cref="ResidualMlp.LayerCount"/> tensors of shape [n, width].
    /// </summary>
    public static Tensor[] CaptureLayers(ResidualMlp model, Tensor inputs)
    {
        model.Eval();
        using var _ = GradMode.NoGrad();
        var captured = new List<Tensor>();
        var hooks = new List<IDisposable>();
        foreach (var block in model.Blocks) hooks.Add(block.RegisterForwardHook((_, _, output) => captured.Add(output.Contiguous())));
        try
        {
            var h0 = model.InputLayer(inputs).Contiguous();
            var h = h0;
            foreach (var block in model.Blocks) h = block.Call(h);
            return [h0, .. captured];
        }
        finally
        {
            foreach (var hook in hooks) hook.Dispose();
        }
    }

    /// <summary>The head's predicted classes [n] from last-layer states [n, width].</summary>
    public static int[] PredictFromLastLayer(ResidualMlp model, Tensor lastLayer)
    {
        using var _ = GradMode.NoGrad();
        return model.Head.Call(lastLayer).ArgMax(1);
    }
}
