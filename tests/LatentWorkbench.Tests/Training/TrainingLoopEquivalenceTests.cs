using LatentWorkbench.Engine;
using LatentWorkbench.Engine.NN;
using LatentWorkbench.Engine.Optim;
using LatentWorkbench.Koopman;
using LatentWorkbench.Models;
using LatentWorkbench.Training;

namespace LatentWorkbench.Tests.Training;

/// <summary>
/// The classifier and the Koopman autoencoder train through the shared <see cref="Trainer"/>; the epoch loops they had
/// before are kept here verbatim, and both paths must give bit-identical weights, buffers and per-epoch losses (the
/// cached studies and every reproduced number depend on it).
/// </summary>
public class TrainingLoopEquivalenceTests
{
    [Theory]
    [InlineData(161, 32, 3)]   // the last batch has one row: skipped (batch normalisation needs two)
    [InlineData(200, 64, 2)]
    [InlineData(50, 512, 4)]   // one batch smaller than the requested size
    public void ClassifierTrainsBitIdenticallyToItsHandWrittenLoop(int n, int batchSize, int epochs)
    {
        var x = Tensor.Randn(new Generator(11), n, 4);
        var y = Enumerable.Range(0, n).Select(i => (i * 7 + i / 5) % 3).ToArray();
        var options = new ClassifierOptions { Epochs = epochs, BatchSize = batchSize, PeakLearningRate = 0.05, Seed = 9 };
        var viaTrainer = new ResidualMlp(4, 16, 2, 3, new Generator(5));
        var handWritten = new ResidualMlp(4, 16, 2, 3, new Generator(5));

        var lossesTrainer = ClassifierTraining.Train(viaTrainer, x, y, options);
        var lossesLoop = HandWrittenClassifierLoop(handWritten, x, y, options);

        Assert.Equal(lossesLoop, lossesTrainer);
        AssertSameState(handWritten, viaTrainer);
        Assert.False(viaTrainer.Training, "the classifier is left in evaluation mode");
    }

    [Theory]
    [InlineData(150, 64, 5)]
    [InlineData(96, 512, 3)]
    public void KoopmanAutoencoderTrainsBitIdenticallyToItsHandWrittenLoop(int n, int batchSize, int epochs)
    {
        var first = Tensor.Randn(new Generator(21), n, 3);
        var last = first.MatMul(Tensor.FromArray(new float[] { 0, -1, 0, 1, 0, 0, 0, 0, 1 }, 3, 3)).Tanh();
        var options = new KoopmanOptions { Epochs = epochs, BatchSize = batchSize, PeakLearningRate = 1e-2, Seed = 4 };
        var viaTrainer = new KoopmanAutoencoder([3, 16, 6], 4, new Generator(7));
        var handWritten = new KoopmanAutoencoder([3, 16, 6], 4, new Generator(7));

        var lossesTrainer = KoopmanTraining.Train(viaTrainer, first, last, options);
        var lossesLoop = HandWrittenKoopmanLoop(handWritten, first, last, options);

        Assert.Equal(lossesLoop, lossesTrainer);
        AssertSameState(handWritten, viaTrainer);
    }

    [Fact]
    public void TrainingOptionsReachTheTrainerAndItsCheckpointsWithoutChangingTheWeights()
    {
        var first = Tensor.Randn(new Generator(1), 80, 3);
        var last = first.Tanh();
        var options = new KoopmanOptions { Epochs = 3, BatchSize = 32, PeakLearningRate = 1e-2 };
        string path = Path.Combine(Path.GetTempPath(), $"lwb-koopman-{Guid.NewGuid():N}.safetensors");
        try
        {
            var quiet = new KoopmanAutoencoder([3, 8, 4], 2, new Generator(2));
            var checkpointed = new KoopmanAutoencoder([3, 8, 4], 2, new Generator(2));
            var plain = KoopmanTraining.Train(quiet, first, last, options);
            var saved = KoopmanTraining.Train(checkpointed, first, last, options,
                new TrainingOptions { Epochs = 99, CheckpointPath = path, ShowProgress = false, PrintEpochSummary = false });
            Assert.Equal(plain, saved);
            AssertSameState(quiet, checkpointed);
            // The epoch count is the Koopman options', not the training options'.
            var probe = new KoopmanAutoencoder([3, 8, 4], 2, new Generator(2));
            var optimizer = new AdamW(ParamGroups.SplitDecay(probe, options.WeightDecay), lr: options.PeakLearningRate, weightDecay: options.WeightDecay);
            var (epochsDone, history, schedulerRestored) = Checkpoint.Load(path, probe, optimizer, new TriangularLR(optimizer, 3, 0.2));
            Assert.Equal(3, epochsDone);
            Assert.Equal(3, history.Count);
            Assert.True(schedulerRestored);
            AssertSameState(checkpointed, probe);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static void AssertSameState(Module expected, Module actual)
    {
        var a = expected.StateDict();
        var b = actual.StateDict();
        Assert.Equal(a.Keys, b.Keys);
        foreach (var (name, tensor) in a)
            Assert.True(tensor.ToArray().AsSpan().SequenceEqual(b[name].ToArray()), $"{name} differs between the hand-written loop and the Trainer");
    }

    // The residual classifier's epoch loop before it moved onto the Trainer.
    private static float[] HandWrittenClassifierLoop(ResidualMlp model, Tensor inputs, int[] labels, ClassifierOptions options)
    {
        int n = labels.Length, batch = Math.Min(options.BatchSize, n);
        int batchesPerEpoch = (n + batch - 1) / batch;
        int totalSteps = options.Epochs * batchesPerEpoch;
        var optimizer = new SGD(model.Parameters(), options.PeakLearningRate, momentum: options.Momentum, weightDecay: options.WeightDecay);
        int up = Math.Max(1, totalSteps / 2);
        var scheduler = new CyclicLR(optimizer, options.BaseLearningRate, options.PeakLearningRate, up, Math.Max(1, totalSteps - up), cycleMomentum: false);
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
                if (count < 2) continue;
                using var scope = DisposeScope.Begin();
                var idx = order.AsSpan(start, count);
                var x = inputs.IndexSelect(0, idx);
                var y = idx.ToArray();
                for (int i = 0; i < y.Length; i++) y[i] = labels[y[i]];
                var loss = F.CrossEntropy(model.Call(x), y);
                optimizer.ZeroGrad();
                loss.Backward();
                optimizer.Step();
                scheduler.Step();
                sum += loss.Item() * count;
            }
            losses[epoch] = (float)(sum / n);
        }
        model.Eval();
        return losses;
    }

    // The Koopman autoencoder's epoch loop before it moved onto the Trainer.
    private static float[] HandWrittenKoopmanLoop(KoopmanAutoencoder model, Tensor first, Tensor last, KoopmanOptions options)
    {
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
                using var scope = DisposeScope.Begin();
                var idx = order.AsSpan(start, count);
                var loss = KoopmanLosses.Compute(model, first.IndexSelect(0, idx), last.IndexSelect(0, idx)).Total(options);
                optimizer.ZeroGrad();
                loss.Backward();
                optimizer.Step();
                sum += loss.Item() * count;
            }
            scheduler.Step();
            losses[epoch] = (float)(sum / n);
        }
        model.Eval();
        return losses;
    }
}
