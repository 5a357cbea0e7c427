using LatentWorkbench.Engine;
using LatentWorkbench.Engine.Autograd;
using LatentWorkbench.Engine.Optim;

namespace LatentWorkbench.Koopman;

/// <summary>Fits a <see cref="KoopmanAutoencoder"/> to (first layer, last layer) state pairs.</summary>
public static class KoopmanTraining
{
    /// <summary>AdamW (no decay on biases) with a per-epoch triangular schedule; returns the mean total loss per epoch.</summary>
    public static float[] Train(KoopmanAutoencoder model, Tensor first, Tensor last, KoopmanOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (first.Size(0) != last.Size(0)) throw new ArgumentException($"first has {first.Size(0)} rows, last has {last.Size(0)}", nameof(last));
        if (first.Size(1) != model.StateDim || last.Size(1) != model.StateDim)
            throw new ArgumentException($"states must have {model.StateDim} columns", nameof(first));
        if (options.Epochs < 1) throw new ArgumentOutOfRangeException(nameof(options), options.Epochs, "Epochs must be positive");
        var optimizer = new AdamW(ParamGroups.SplitDecay(model, options.WeightDecay), lr: options.PeakLearningRate, weightDecay: options.WeightDecay);
        var scheduler = new TriangularLR(optimizer, options.Epochs, 0.2);
        int n = first.Size(0), batch = Math.Min(options.BatchSize, n);
        var rng = new Generator(options.Seed);
        var losses = new float[options.Epochs];
        model.Train();
        for (int epoch = 0; epoch < options.Epochs; epoch++)
        {
            int[] order = rng.Permutation(n);
            double sum = 0;
            for (int start = 0; start < n; start += batch)
            {
                int count = Math.Min(batch, n - start);
                using var scope = DisposeScope.Begin(); // the step's tensors go back to the pool for the next step
                var idx = order.AsSpan(start, count);
                var loss = KoopmanLosses.Compute(model, first.IndexSelect(0, idx), last.IndexSelect(0, idx)).Total(options);
                optimizer.ZeroGrad();
                loss.Backward();
                optimizer.Step();
                sum += loss.Item() * count;
            }
            scheduler.Step();
            losses[epoch] = (float)(sum / n);
            if (!float.IsFinite(losses[epoch])) throw new InvalidOperationException($"Koopman training diverged at epoch {epoch} (loss {losses[epoch]})");
        }
        model.Eval();
        return losses;
    }

    /// <summary>The decoded prediction psi(phi(x0) A) for an operator A (default K^k), without gradients.</summary>
    public static Tensor Predict(KoopmanAutoencoder model, Tensor first, Tensor? operatorA = null)
    {
        using var _ = GradMode.NoGrad();
        var a = operatorA ?? model.FullOperator();
        return model.Decode(model.Encode(first).MatMul(a));
    }
}
