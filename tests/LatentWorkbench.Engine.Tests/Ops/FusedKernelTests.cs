using LatentWorkbench.Engine.Autograd;
using LatentWorkbench.Engine.NN;

namespace LatentWorkbench.Engine.Tests.Ops;

/// <summary>
/// The fused fast paths (activation backward kernels, one-pass MSE) against the composite expressions they
/// replace (still used under create_graph), closed forms and finite differences.
/// </summary>
public class FusedKernelTests
{
    private static Tensor R(ulong seed, params int[] shape) => GradCheck.Random(seed, shape);

    public static TheoryData<string> Activations => new() { "relu", "leaky", "sigmoid", "tanh" };

    private static Tensor Activate(string name, Tensor x) => name switch
    {
        "relu" => x.Relu(),
        "leaky" => x.LeakyRelu(0.2f),
        "sigmoid" => x.Sigmoid(),
        _ => x.Tanh(),
    };

    [Theory, MemberData(nameof(Activations))]
    public void FusedActivationBackwardMatchesCompositeRule(string name)
    {
        // 37 elements: exercises both the SIMD body and the scalar tail.
        var x = R(1, 37); x.RequiresGrad = true;
        var w = R(2, 37);
        var fused = Grad.Of((Activate(name, x) * w).Sum(), [x])[0].ToArray();
        var composite = Grad.Of((Activate(name, x) * w).Sum(), [x], createGraph: true)[0].ToArray();
        for (int i = 0; i < fused.Length; i++) Assert.Equal(composite[i], fused[i], 6);
    }

    [Theory, MemberData(nameof(Activations))]
    public void FusedActivationBackwardMatchesFiniteDifferences(string name) =>
        GradCheck.Check(x => Activate(name, x[0]) * 3f, [R(3, 5, 7)], eps: 1e-3f);

    [Fact]
    public void ActivationBackwardTakesABroadcastGradient()
    {
        // Mean's gradient reaches the activation as an expanded (non-contiguous) view.
        var x = R(4, 3, 5); x.RequiresGrad = true;
        x.Sigmoid().Mean().Backward();
        var xs = x.ToArray();
        var g = x.Grad!.ToArray();
        for (int i = 0; i < xs.Length; i++)
        {
            double s = 1 / (1 + Math.Exp(-xs[i]));
            Assert.Equal(s * (1 - s) / 15, g[i], 6);
        }
    }

    [Theory]
    [InlineData(LossReduction.Mean)]
    [InlineData(LossReduction.Sum)]
    public void MseLossMatchesClosedForm(LossReduction reduction)
    {
        var x = R(5, 6, 9); var t = R(6, 6, 9);
        x.RequiresGrad = true; t.RequiresGrad = true;
        var loss = F.MseLoss(x, t, reduction);
        loss.Backward();
        var xs = x.ToArray(); var ts = t.ToArray();
        double n = reduction == LossReduction.Mean ? xs.Length : 1, sum = 0;
        for (int i = 0; i < xs.Length; i++) sum += (double)(xs[i] - ts[i]) * (xs[i] - ts[i]);
        Assert.Equal(sum / n, loss.Item(), 4);
        var gx = x.Grad!.ToArray(); var gt = t.Grad!.ToArray();
        for (int i = 0; i < xs.Length; i++)
        {
            Assert.Equal(2 * (xs[i] - ts[i]) / n, gx[i], 5);
            Assert.Equal(-2 * (xs[i] - ts[i]) / n, gt[i], 5);
        }
    }

    [Fact]
    public void MseLossGradientIsDifferentiableUnderCreateGraph()
    {
        // d/dx of sum(dL/dx) with L = mean((x - t)^2) is 2/n per element.
        var x = R(7, 4, 5); x.RequiresGrad = true;
        var t = R(8, 4, 5);
        var g = Grad.Of(F.MseLoss(x, t), [x], createGraph: true)[0];
        var h = Grad.Of(g.Sum(), [x])[0].ToArray();
        foreach (var v in h) Assert.Equal(2.0 / 20, v, 6);
    }

    [Fact]
    public void MseLossMatchesFiniteDifferences() =>
        GradCheck.Check(x => F.MseLoss(x[0], x[1]), [R(9, 3, 4), R(10, 3, 4)], eps: 1e-3f);
}

/// <summary>Linear's weight gradient added straight into an existing Grad buffer during a plain Backward().</summary>
public class LinearGradAccumulationTests
{
    [Fact]
    public void SecondBackwardAddsToTheFirstAndMatchesGradOf()
    {
        var g = new Generator(11);
        var layer = new Linear(5, 3, generator: g);
        var x = Tensor.Randn(g, 4, 5);
        // The weight is used twice, so the direct path and the sweep's sum both contribute.
        Tensor Loss() => (layer.Call(x).Tanh().Sum() + (layer.Weight * layer.Weight).Sum());
        var expected = Grad.Of(Loss(), [layer.Weight])[0].ToArray();
        Loss().Backward(); // Grad was null: allocating path
        var first = layer.Weight.Grad!.ToArray();
        Loss().Backward(); // Grad exists: accumulated in place
        var second = layer.Weight.Grad!.ToArray();
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], first[i], 5);
            Assert.Equal(2 * expected[i], second[i], 5);
        }
    }
}
