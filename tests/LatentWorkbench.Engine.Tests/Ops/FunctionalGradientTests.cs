using LatentWorkbench.Engine.Autograd;
using LatentWorkbench.Engine.NN;

namespace LatentWorkbench.Engine.Tests.Ops;

/// <summary>Finite-difference checks of every F op's gradient, and of second derivatives through the backward rules.</summary>
public class FunctionalGradientTests
{
    private static Tensor R(ulong seed, params int[] shape) => GradCheck.Random(seed, shape);
    private static Tensor P(ulong seed, params int[] shape) => GradCheck.Positive(seed, shape);

    /// <summary>Distinct values spaced 0.1 apart in random order, so max/ReLU kinks stay out of the difference step.</summary>
    private static Tensor Distinct(ulong seed, params int[] shape)
    {
        int n = 1;
        foreach (int d in shape) n *= d;
        var perm = new Generator(seed).Permutation(n);
        var values = new float[n];
        for (int i = 0; i < n; i++) values[i] = (perm[i] - n / 2) * 0.1f + 0.013f;
        return Tensor.FromArray(values, shape);
    }

    /// <summary>The first derivatives of f (projected) as a function of the inputs, recorded so they can be differentiated again.</summary>
    internal static Func<Tensor[], Tensor> FirstDerivatives(Func<Tensor[], Tensor> f) => inputs =>
    {
        using var scope = GradMode.Enable();
        var y = f(inputs);
        var projection = Tensor.Randn(new Generator(99), [.. y.Shape]);
        var grads = Grad.Of((y * projection).Sum(), inputs, createGraph: true);
        return Tensor.Concat(grads.Select(g => g.Reshape(-1)).ToArray(), 0);
    };

    [Fact] public void Linear() => GradCheck.Check(x => F.Linear(x[0], x[1], x[2]), [R(1, 4, 3), R(2, 5, 3), R(3, 5)]);
    [Fact] public void LinearBatchedNoBias() => GradCheck.Check(x => F.Linear(x[0], x[1]), [R(1, 2, 3, 4), R(2, 2, 4)]);
    [Fact] public void LinearVectorInput() => GradCheck.Check(x => F.Linear(x[0], x[1], x[2]), [R(1, 3), R(2, 2, 3), R(3, 2)]);
    [Fact] public void LinearTransposedWeightView() => GradCheck.Check(x => F.Linear(x[0], x[1].T), [R(1, 4, 3), R(2, 3, 5)]);
    [Fact] public void LinearSecondOrder() => GradCheck.Check(FirstDerivatives(x => F.Linear(x[0], x[1], x[2]).Pow(2f)), [R(1, 3, 3), R(2, 2, 3), R(3, 2)]);

    [Theory]
    [InlineData(1, 0, 1)]
    [InlineData(2, 1, 1)]
    [InlineData(1, 2, 1)]
    [InlineData(2, 0, 2)]
    [InlineData(3, 1, 1)]
    public void Conv2d(int stride, int padding, int dilation) =>
        GradCheck.Check(x => F.Conv2d(x[0], x[1], x[2], stride, padding, dilation), [R(1, 2, 3, 6, 5), R(2, 4, 3, 3, 2), R(3, 4)]);

    [Fact] public void Conv2dPointwise() => GradCheck.Check(x => F.Conv2d(x[0], x[1], x[2]), [R(1, 2, 3, 4, 4), R(2, 5, 3, 1, 1), R(3, 5)]);

    [Fact]
    public void Conv2dRectangularParameters() =>
        GradCheck.Check(x => F.Conv2d(x[0], x[1], null, (2, 1), (0, 1), (1, 2)), [R(1, 1, 2, 7, 6), R(2, 3, 2, 3, 2)]);

    [Fact] public void Conv2dSecondOrder() => GradCheck.Check(FirstDerivatives(x => F.Conv2d(x[0], x[1], x[2], 2, 1).Pow(2f)), [R(1, 1, 2, 4, 4), R(2, 2, 2, 3, 3), R(3, 2)]);

    [Theory]
    [InlineData(1, 0, 0, 1)]
    [InlineData(2, 1, 1, 1)]
    [InlineData(2, 0, 1, 1)]
    [InlineData(3, 1, 2, 1)]
    [InlineData(2, 1, 0, 2)]
    [InlineData(1, 1, 0, 1)]
    public void ConvTranspose2d(int stride, int padding, int outputPadding, int dilation) =>
        GradCheck.Check(x => F.ConvTranspose2d(x[0], x[1], x[2], stride, padding, outputPadding, dilation), [R(1, 2, 3, 3, 4), R(2, 3, 2, 3, 3), R(3, 2)]);

    [Fact] public void ConvTranspose2dSecondOrder() => GradCheck.Check(FirstDerivatives(x => F.ConvTranspose2d(x[0], x[1], x[2], 2, 1, 1).Pow(2f)), [R(1, 1, 2, 3, 3), R(2, 2, 2, 3, 3), R(3, 2)]);

    [Fact] public void MaxPool2d() => GradCheck.Check(x => F.MaxPool2d(x[0], 2), [Distinct(1, 2, 2, 4, 6)]);
    [Fact] public void MaxPool2dOverlappingPadded() => GradCheck.Check(x => F.MaxPool2d(x[0], 3, 2, 1), [Distinct(2, 1, 2, 5, 5)]);
    [Fact] public void MaxPool2dSecondOrder() => GradCheck.Check(FirstDerivatives(x => F.MaxPool2d(x[0] * x[0], 2)), [Distinct(3, 1, 1, 4, 4)]);
    [Fact] public void AvgPool2d() => GradCheck.Check(x => F.AvgPool2d(x[0], 2), [R(1, 2, 2, 4, 6)]);
    [Fact] public void AvgPool2dPaddedExcludingPad() => GradCheck.Check(x => F.AvgPool2d(x[0], 3, 2, 1, countIncludePad: false), [R(1, 1, 2, 5, 6)]);
    [Fact] public void AvgPool2dSecondOrder() => GradCheck.Check(FirstDerivatives(x => F.AvgPool2d(x[0] * x[0], 3, 2, 1)), [R(1, 1, 1, 5, 5)]);
    [Fact] public void AdaptiveAvgPool2d() => GradCheck.Check(x => F.AdaptiveAvgPool2d(x[0], 3, 2), [R(1, 2, 2, 5, 5)]);
    [Fact] public void GlobalAvgPool() => GradCheck.Check(x => F.AdaptiveAvgPool2d(x[0]), [R(1, 2, 3, 3, 4)]);
    [Fact] public void UpsampleNearest2d() => GradCheck.Check(x => F.UpsampleNearest2d(x[0], 2, 3), [R(1, 2, 2, 3, 2)]);

    [Fact] public void BatchNormTraining2d() => GradCheck.Check(x => F.BatchNorm(x[0], null, null, x[1], x[2], training: true), [R(1, 5, 3), P(2, 3), R(3, 3)]);

    [Fact]
    public void BatchNormTraining4dWithRunningStats() =>
        GradCheck.Check(x => F.BatchNorm(x[0], Tensor.Zeros(2), Tensor.Ones(2), x[1], x[2], training: true), [R(1, 3, 2, 2, 3), P(2, 2), R(3, 2)]);

    [Fact] public void BatchNormTrainingNoAffine() => GradCheck.Check(x => F.BatchNorm(x[0], null, null, training: true), [R(1, 4, 3, 2)]);

    [Fact]
    public void BatchNormEval() =>
        GradCheck.Check(x => F.BatchNorm(x[0], Tensor.FromArray([0.3f, -0.2f], 2), Tensor.FromArray([0.5f, 2f], 2), x[1], x[2], training: false), [R(1, 3, 2, 2, 2), P(2, 2), R(3, 2)]);

    [Fact] public void BatchNormTrainingSecondOrder() => GradCheck.Check(FirstDerivatives(x => F.BatchNorm(x[0], null, null, x[1], x[2], training: true).Pow(2f)), [R(1, 4, 2), P(2, 2), R(3, 2)]);

    [Fact]
    public void BatchNormEvalSecondOrder() =>
        GradCheck.Check(FirstDerivatives(x => F.BatchNorm(x[0], Tensor.FromArray([0.3f, -0.2f], 2), Tensor.FromArray([0.5f, 2f], 2), x[1], x[2]).Pow(2f)), [R(1, 3, 2), P(2, 2), R(3, 2)]);

    [Fact] public void GroupNorm() => GradCheck.Check(x => F.GroupNorm(x[0], 2, x[1], x[2]), [R(1, 2, 4, 2, 3), P(2, 4), R(3, 4)]);
    [Fact] public void GroupNormBiasOnly() => GradCheck.Check(x => F.GroupNorm(x[0], 3, null, x[1]), [R(1, 2, 3, 4), R(3, 3)]);
    [Fact] public void GroupNormSecondOrder() => GradCheck.Check(FirstDerivatives(x => F.GroupNorm(x[0], 2, x[1], x[2]).Pow(2f)), [R(1, 2, 4, 3), P(2, 4), R(3, 4)]);
    [Fact] public void LayerNorm() => GradCheck.Check(x => F.LayerNorm(x[0], [3, 2], x[1], x[2]), [R(1, 4, 3, 2), P(2, 3, 2), R(3, 3, 2)]);
    [Fact] public void LayerNormNoAffine() => GradCheck.Check(x => F.LayerNorm(x[0], [5]), [R(1, 3, 5)]);
    [Fact] public void LayerNormSecondOrder() => GradCheck.Check(FirstDerivatives(x => F.LayerNorm(x[0], [4], x[1], x[2]).Pow(2f)), [R(1, 3, 4), P(2, 4), R(3, 4)]);

    [Fact] public void Dropout() => GradCheck.Check(x => F.Dropout(x[0], 0.4f, training: true, new Generator(5)), [R(1, 4, 5)]);

    [Fact] public void ExpmSmallNorm() => GradCheck.Check(x => F.Expm(x[0] * 0.1f), [R(1, 3, 3)]);
    [Fact] public void ExpmLargeNorm() => GradCheck.Check(x => F.Expm(x[0] * 2f), [R(2, 3, 3)], eps: 1e-3f);
    [Fact] public void ExpmBatched() => GradCheck.Check(x => F.Expm(x[0]), [R(3, 2, 3, 3)]);
    [Fact] public void ExpmSecondOrder() => GradCheck.Check(FirstDerivatives(x => F.Expm(x[0])), [R(4, 3, 3) * 0.5f]);

    [Fact] public void Cdist() => GradCheck.Check(x => F.Cdist(x[0], x[1]), [R(1, 4, 3), R(2, 5, 3)]);
    [Fact] public void CdistSquared() => GradCheck.Check(x => F.CdistSquared(x[0], x[1]), [R(1, 4, 3), R(2, 5, 3)]);
    [Fact] public void CdistSecondOrder() => GradCheck.Check(FirstDerivatives(x => F.Cdist(x[0], x[1])), [R(1, 3, 2), R(2, 2, 2)]);

    [Fact] public void MseLoss() => GradCheck.Check(x => F.MseLoss(x[0], x[1]), [R(1, 3, 4), R(2, 3, 4)]);
    [Fact] public void MseLossNone() => GradCheck.Check(x => F.MseLoss(x[0], x[1], LossReduction.None), [R(1, 3, 4), R(2, 3, 4)]);
    [Fact] public void L1Loss() => GradCheck.Check(x => F.L1Loss(x[0], x[1], LossReduction.Sum), [Distinct(1, 3, 4), Distinct(2, 3, 4) + 0.05f]);

    [Fact]
    public void BinaryCrossEntropy() =>
        GradCheck.Check(x => F.BinaryCrossEntropy(x[0], x[1]), [Tensor.Rand(new Generator(1), [3, 4], 0.1f, 0.9f), Tensor.Rand(new Generator(2), [3, 4])]);

    [Fact] public void BinaryCrossEntropyWithLogits() => GradCheck.Check(x => F.BinaryCrossEntropyWithLogits(x[0], x[1], LossReduction.Sum), [R(1, 3, 4), Tensor.Rand(new Generator(2), [3, 4])]);
    [Fact] public void BinaryCrossEntropyWithLogitsSecondOrder() => GradCheck.Check(FirstDerivatives(x => F.BinaryCrossEntropyWithLogits(x[0], x[1], LossReduction.None)), [R(1, 6), Tensor.Rand(new Generator(2), [6])]);
    [Fact] public void CrossEntropy() => GradCheck.Check(x => F.CrossEntropy(x[0], [2, 0, 1, 2]), [R(1, 4, 3)]);
    [Fact] public void CrossEntropyWeightedIgnore() => GradCheck.Check(x => F.CrossEntropy(x[0], [2, -100, 1, 0], Tensor.FromArray([1f, 2f, 0.5f], 3)), [R(1, 4, 3)]);
    [Fact] public void CrossEntropySoftLabels() => GradCheck.Check(x => F.CrossEntropy(x[0], x[1].Softmax(1)), [R(1, 3, 4), R(2, 3, 4)]);
    [Fact] public void NllLoss() => GradCheck.Check(x => F.NllLoss(x[0], Tensor.FromArray([1f, 0f, 1f], 3), reduction: LossReduction.None), [R(1, 3, 2)]);

    [Fact] public void Elu() => GradCheck.Check(x => F.Elu(x[0], 0.7f), [Distinct(1, 9)]);
}
