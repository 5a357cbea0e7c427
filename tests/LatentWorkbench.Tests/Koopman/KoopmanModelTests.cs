using LatentWorkbench.Engine;
using LatentWorkbench.Engine.Autograd;
using LatentWorkbench.Koopman;
using LatentWorkbench.Models;

namespace LatentWorkbench.Tests.Koopman;

/// <summary>Structure of the classifier and the Koopman autoencoder.</summary>
public class KoopmanModelTests
{
    [Fact]
    public void CapturedLastLayerThroughTheHeadReproducesTheLogits()
    {
        var model = new ResidualMlp(4, 10, 3, 3, new Generator(1));
        var x = Tensor.Rand(new Generator(2), 64, 4);
        ClassifierTraining.Train(model, x, Enumerable.Range(0, 64).Select(i => i % 3).ToArray(), new ClassifierOptions { Epochs = 2, BatchSize = 32 });
        var layers = ClassifierTraining.CaptureLayers(model, x);
        Assert.Equal(4, layers.Length);
        using var _ = GradMode.NoGrad();
        var logits = model.Call(x).ToArray();
        var viaHead = model.Head.Call(layers[^1]).ToArray();
        for (int i = 0; i < logits.Length; i++) Assert.Equal(logits[i], viaHead[i], 1e-5f);
        // Hidden layers end in ReLU.
        Assert.All(layers.SelectMany(l => l.ToArray()), v => Assert.True(v >= 0));
    }

    [Fact]
    public void KStepsOfTheStepOperatorEqualTheFullOperatorAndIteratesEndAtTheForwardPrediction()
    {
        var kae = new KoopmanAutoencoder([5, 12, 7], 8, new Generator(3));
        using var _ = GradMode.NoGrad();
        kae.Generator_.CopyFrom(Tensor.Randn(new Generator(4), 7, 7) * 0.5f);
        var k = kae.StepOperator();
        var power = Tensor.Eye(7);
        for (int i = 0; i < 8; i++) power = power.MatMul(k);
        var full = kae.FullOperator().ToArray();
        var p = power.ToArray();
        for (int i = 0; i < full.Length; i++) Assert.Equal(full[i], p[i], 1e-4f);
        var x = Tensor.Randn(new Generator(5), 6, 5);
        var iterates = kae.Iterates(x);
        Assert.Equal(9, iterates.Length);
        var forward = kae.Call(x).ToArray();
        var last = iterates[^1].ToArray();
        for (int i = 0; i < forward.Length; i++) Assert.Equal(forward[i], last[i], 1e-4f);
    }

    [Fact]
    public void GeneratorStartsAtTheIdentity()
    {
        var kae = new KoopmanAutoencoder([3, 4], 10);
        Assert.Equal(Tensor.Eye(4).ToArray(), kae.Generator_.ToArray());
    }

    [Fact]
    public void SurrogateTrainingReducesTheLossOnALinearSystem()
    {
        // x_L = x_0 R for a rotation R: an exactly linear map the autoencoder can represent.
        var x0 = Tensor.Randn(new Generator(6), 256, 3);
        var r = Tensor.FromArray(new float[] { 0, -1, 0, 1, 0, 0, 0, 0, 1 }, 3, 3);
        var xl = x0.MatMul(r);
        var kae = new KoopmanAutoencoder([3, 16, 6], 4, new Generator(7));
        var losses = KoopmanTraining.Train(kae, x0, xl, new KoopmanOptions { Epochs = 60, BatchSize = 64, PeakLearningRate = 1e-2 });
        Assert.True(losses[^1] < 0.3 * losses[0], $"loss {losses[0]} -> {losses[^1]}");
    }
}
