using LatentWorkbench.Engine.NN;

namespace LatentWorkbench.Engine.Tests.Ops;

/// <summary>Loss values against hand computations, PyTorch's edge-case conventions and error messages.</summary>
public class LossReferenceTests
{
    [Fact]
    public void MseReductions()
    {
        var x = Tensor.FromArray([1f, 2f, 4f], 3);
        var t = Tensor.FromArray([0f, 2f, 1f], 3);
        Assert.Equal(10f / 3f, F.MseLoss(x, t).Item(), 5);
        Assert.Equal(10f, F.MseLoss(x, t, LossReduction.Sum).Item(), 5);
        Assert.Equal([1f, 0f, 9f], F.MseLoss(x, t, LossReduction.None).ToArray());
        var ex = Assert.Throws<ArgumentException>(() => F.MseLoss(Tensor.Zeros(2, 3), Tensor.Zeros(3, 2)));
        Assert.Contains("[2, 3]", ex.Message);
        Assert.Contains("[3, 2]", ex.Message);
    }

    [Fact]
    public void BinaryCrossEntropyValuesAndClamp()
    {
        var p = Tensor.FromArray([0.25f, 0.9f], 2);
        var t = Tensor.FromArray([1f, 0f], 2);
        double expected = (-Math.Log(0.25) - Math.Log(1 - 0.9f)) / 2;
        Assert.Equal(expected, F.BinaryCrossEntropy(p, t).Item(), 5);
        // log(0) is clamped at -100, so a confident wrong answer costs 100 and has a finite gradient.
        var zero = Tensor.FromArray([0f], 1);
        zero.RequiresGrad = true;
        var loss = F.BinaryCrossEntropy(zero, Tensor.FromArray([1f], 1));
        Assert.Equal(100f, loss.Item(), 4);
        loss.Backward();
        Assert.True(float.IsFinite(zero.Grad!.Item()));
        Assert.Contains("[0, 1]", Assert.Throws<ArgumentException>(() => F.BinaryCrossEntropy(Tensor.FromArray([1.5f], 1), Tensor.FromArray([1f], 1))).Message);
    }

    [Fact]
    public void BinaryCrossEntropyWithLogitsIsStableAndMatchesSigmoidForm()
    {
        var x = Tensor.FromArray([-2f, 0.5f, 3f], 3);
        var t = Tensor.FromArray([0f, 1f, 0.3f], 3);
        Assert.Equal(F.BinaryCrossEntropy(x.Sigmoid(), t).Item(), F.BinaryCrossEntropyWithLogits(x, t).Item(), 5);
        var big = F.BinaryCrossEntropyWithLogits(Tensor.FromArray([100f, -100f], 2), Tensor.FromArray([0f, 1f], 2), LossReduction.None).ToArray();
        Assert.Equal([100f, 100f], big);
    }

    [Fact]
    public void CrossEntropyByHand()
    {
        var logits = Tensor.FromArray(new float[,] { { 1, 2, 3 }, { 1, 1, 1 } });
        double row0 = Math.Log(1 + Math.Exp(-1) + Math.Exp(-2)), row1 = Math.Log(3);
        Assert.Equal((row0 + row1) / 2, F.CrossEntropy(logits, [2, 0]).Item(), 5);
        var none = F.CrossEntropy(logits, [2, 0], reduction: LossReduction.None).ToArray();
        Assert.Equal(row0, none[0], 5);
        Assert.Equal(row1, none[1], 5);
        // Weighted mean divides by the total weight of the targets; ignored rows drop out.
        var w = Tensor.FromArray([2f, 1f, 0.5f], 3);
        Assert.Equal((0.5 * row0 + 2 * row1) / 2.5, F.CrossEntropy(logits, [2, 0], w).Item(), 5);
        Assert.Equal(row1, F.CrossEntropy(logits, [-100, 0]).Item(), 5);
        // Class indices as a tensor and one-hot soft labels agree with integer targets.
        Assert.Equal((row0 + row1) / 2, F.CrossEntropy(logits, Tensor.FromArray([2f, 0f], 2)).Item(), 5);
        var oneHot = Tensor.FromArray(new float[,] { { 0, 0, 1 }, { 1, 0, 0 } });
        Assert.Equal((row0 + row1) / 2, F.CrossEntropy(logits, oneHot).Item(), 5);
    }

    [Fact]
    public void NllLossPicksLogProbabilities()
    {
        var logp = Tensor.FromArray(new float[,] { { -0.1f, -2f }, { -3f, -0.2f }, { -1f, -1f } });
        Assert.Equal((2 + 0.2 + 1) / 3, F.NllLoss(logp, [1, 1, 0]).Item(), 5);
        Assert.Equal(2 + 0.2 + 1, F.NllLoss(logp, [1, 1, 0], reduction: LossReduction.Sum).Item(), 5);
    }

    [Fact]
    public void ClassTargetErrorsNameTheIndex()
    {
        var logits = Tensor.Zeros(3, 4);
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => F.CrossEntropy(logits, [0, 7, 1]));
        Assert.Contains("target 7 at index 1", ex.Message);
        Assert.Contains("4 classes", ex.Message);
        Assert.Contains("3 rows", Assert.Throws<ArgumentException>(() => F.CrossEntropy(logits, [0, 1])).Message);
        Assert.Contains("index 1", Assert.Throws<ArgumentException>(() => F.CrossEntropy(logits, Tensor.FromArray([0f, 0.5f, 1f], 3))).Message);
    }
}
