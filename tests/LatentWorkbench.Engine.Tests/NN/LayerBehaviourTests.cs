using LatentWorkbench.Engine.NN;

namespace LatentWorkbench.Engine.Tests.NN;

public class LayerBehaviourTests
{
    [Fact]
    public void BatchNormUpdatesRunningStatsAndCountThenUsesThemInEval()
    {
        var bn = new BatchNorm1d(2, momentum: 0.1f);
        // Channel 0: values 1..4 (mean 2.5, unbiased var 5/3); channel 1: 2, 2, 2, 6 (mean 3, unbiased var 4).
        var x = Tensor.FromArray([1f, 2f, 2f, 2f, 3f, 2f, 4f, 6f], 4, 2);
        bn.Call(x);
        Assert.Equal(1f, bn.NumBatchesTracked!.Item());
        Assert.Equal(0.25f, bn.RunningMean![0], 5);
        Assert.Equal(0.3f, bn.RunningMean![1], 5);
        Assert.Equal(0.9f + 0.1f * 5f / 3f, bn.RunningVar![0], 5);
        Assert.Equal(0.9f + 0.4f, bn.RunningVar![1], 5);

        bn.Eval();
        var y = bn.Call(x).ToArray();
        Assert.Equal((1f - 0.25f) / MathF.Sqrt(0.9f + 0.1f * 5f / 3f + 1e-5f), y[0], 5);
        Assert.Equal(1f, bn.NumBatchesTracked!.Item()); // evaluation does not count batches
    }

    [Fact]
    public void BatchNormWithNullMomentumKeepsCumulativeAverage()
    {
        var bn = new BatchNorm1d(1, momentum: null);
        bn.Call(Tensor.FromArray([0f, 2f], 2, 1));   // batch mean 1
        bn.Call(Tensor.FromArray([4f, 6f], 2, 1));   // batch mean 5
        Assert.Equal(3f, bn.RunningMean![0], 5);      // (1 + 5) / 2
    }

    [Fact]
    public void BatchNormRejectsWrongRank()
    {
        var error = Assert.Throws<ArgumentException>(() => new BatchNorm2d(3).Call(Tensor.Zeros(4, 3)));
        Assert.Contains("BatchNorm2d", error.Message);
    }

    [Fact]
    public void DropoutIsIdentityInEvalAndSeededInTraining()
    {
        var x = Tensor.Ones(1000);
        var a = new Dropout(0.3f, seed: 5).Call(x).ToArray();
        var b = new Dropout(0.3f, seed: 5).Call(x).ToArray();
        Assert.Equal(a, b);
        double zeros = a.Count(v => v == 0f) / 1000.0;
        Assert.InRange(zeros, 0.25, 0.35);
        Assert.All(a, v => Assert.True(v == 0f || Math.Abs(v - 1 / 0.7f) < 1e-6));
        var d = new Dropout(0.3f, seed: 5);
        d.Eval();
        Assert.Same(x, d.Call(x));
    }

    [Fact]
    public void UnflattenAndFlattenRoundTrip()
    {
        var x = GradCheck.Random(1, 3, 24);
        var y = new Unflatten(1, [2, -1, 4]).Call(x);
        Assert.Equal([3, 2, 3, 4], y.Shape);
        Assert.Equal(x.ToArray(), new Flatten().Call(y).ToArray());
        Assert.Throws<ArgumentException>(() => new Unflatten(1, [5, 5]).Call(x));
    }

    [Fact]
    public void ConvTransposeOutputSize()
    {
        var deconv = new ConvTranspose2d(4, 2, 3, stride: 2, padding: 1, outputPadding: 1);
        Assert.Equal([1, 2, 16, 16], deconv.Call(Tensor.Zeros(1, 4, 8, 8)).Shape);
    }
}
