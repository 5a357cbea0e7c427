using LatentWorkbench.Engine.NN;
using LatentWorkbench.Engine.Optim;

namespace LatentWorkbench.Engine.Tests.Optim;

/// <summary>
/// Optimizers on the quadratic f(w) = sum a_i w_i^2 / 2 (gradient a * w), compared with PyTorch 1.13's update
/// formulas evaluated by hand in double precision.
/// </summary>
public class OptimizerTests
{
    private static readonly double[] A = [0.5, 2.0, -1.0, 3.0];
    private static readonly double[] W0 = [1.0, -0.5, 0.25, 2.0];

    private static Tensor Param() { var p = Tensor.FromArray(W0, 4); p.RequiresGrad = true; return p; }

    /// <summary>Sets the gradient of the quadratic at the parameter's current value.</summary>
    private static void QuadraticGrad(Tensor p)
    {
        var w = p.ToArray();
        var g = new float[w.Length];
        for (int i = 0; i < w.Length; i++) g[i] = (float)(A[i] * w[i]);
        if (p.Grad is null) p.Grad = Tensor.FromArray(g, w.Length); else p.Grad.CopyFrom(Tensor.FromArray(g, w.Length));
    }

    private static void AssertClose(double[] expected, Tensor actual, double tolerance = 1e-5)
    {
        var v = actual.ToArray();
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - v[i]) <= tolerance * Math.Max(1, Math.Abs(expected[i])), $"element {i}: expected {expected[i]:G8}, got {v[i]:G8}");
    }

    [Theory]
    [InlineData(0.0, 0.0, 0.0, false)]
    [InlineData(0.9, 0.0, 0.0, false)]
    [InlineData(0.9, 0.3, 0.01, false)]
    [InlineData(0.8, 0.0, 0.05, true)]
    public void SgdMatchesReferenceRecurrence(double momentum, double dampening, double weightDecay, bool nesterov)
    {
        const double lr = 0.1;
        var p = Param();
        var opt = new SGD([p], lr, momentum, dampening, weightDecay, nesterov);
        var w = (double[])W0.Clone();
        var buf = new double[4];
        for (int step = 0; step < 6; step++)
        {
            QuadraticGrad(p);
            opt.Step();
            for (int i = 0; i < 4; i++)
            {
                double d = A[i] * w[i] + weightDecay * w[i];
                if (momentum != 0)
                {
                    buf[i] = step == 0 ? d : momentum * buf[i] + (1 - dampening) * d;
                    d = nesterov ? d + momentum * buf[i] : buf[i];
                }
                w[i] -= lr * d;
            }
            AssertClose(w, p);
        }
    }

    [Fact]
    public void PlainSgdFollowsClosedForm()
    {
        var p = Param();
        var opt = new SGD([p], lr: 0.1);
        for (int t = 0; t < 5; t++) { QuadraticGrad(p); opt.Step(); }
        AssertClose([.. W0.Select((w, i) => w * Math.Pow(1 - 0.1 * A[i], 5))], p);
    }

    [Fact]
    public void AdamFirstTwoSteps()
    {
        var p = Param();
        var opt = new Adam([p], lr: 0.01, betas: (0.8, 0.99), eps: 1e-3, weightDecay: 0.1);
        // Step 1 by hand: g = a w0 + 0.1 w0; m = 0.2 g; v = 0.01 g^2; w1 = w0 - 0.01 / 0.2 * m / (sqrt(v) / 0.1 + 1e-3).
        var w1 = new double[4];
        for (int i = 0; i < 4; i++)
        {
            double g = A[i] * W0[i] + 0.1 * W0[i];
            w1[i] = W0[i] - 0.01 / 0.2 * (0.2 * g) / (Math.Sqrt(0.01 * g * g) / Math.Sqrt(0.01) + 1e-3);
        }
        QuadraticGrad(p); opt.Step();
        AssertClose(w1, p);
        // Step 2: g' at w1; m = 0.8 m1 + 0.2 g'; v = 0.99 v1 + 0.01 g'^2; corrections 1 - 0.8^2, 1 - 0.99^2.
        var w2 = new double[4];
        for (int i = 0; i < 4; i++)
        {
            double g1 = A[i] * W0[i] + 0.1 * W0[i], g2 = A[i] * w1[i] + 0.1 * w1[i];
            double m = 0.8 * 0.2 * g1 + 0.2 * g2, v = 0.99 * 0.01 * g1 * g1 + 0.01 * g2 * g2;
            w2[i] = w1[i] - 0.01 / (1 - 0.64) * m / (Math.Sqrt(v) / Math.Sqrt(1 - 0.99 * 0.99) + 1e-3);
        }
        QuadraticGrad(p); opt.Step();
        AssertClose(w2, p);
    }

    [Fact]
    public void AdamWDecouplesWeightDecay()
    {
        var p = Param();
        var opt = new AdamW([p], lr: 0.05, eps: 1e-8, weightDecay: 0.5);
        var w = (double[])W0.Clone();
        var m = new double[4]; var v = new double[4];
        for (int t = 1; t <= 3; t++)
        {
            QuadraticGrad(p); opt.Step();
            for (int i = 0; i < 4; i++)
            {
                double g = A[i] * w[i]; // gradient taken before the decay shrinks w
                w[i] *= 1 - 0.05 * 0.5;
                m[i] = 0.9 * m[i] + 0.1 * g;
                v[i] = 0.999 * v[i] + 0.001 * g * g;
                w[i] -= 0.05 / (1 - Math.Pow(0.9, t)) * m[i] / (Math.Sqrt(v[i]) / Math.Sqrt(1 - Math.Pow(0.999, t)) + 1e-8);
            }
            AssertClose(w, p);
        }
    }

    [Fact]
    public void AmsGradUsesMaximumSecondMoment()
    {
        var p = Tensor.FromArray([1f], 1);
        p.RequiresGrad = true;
        var opt = new Adam([p], lr: 0.1, amsgrad: true);
        double w = 1, m = 0, v = 0, vmax = 0;
        foreach (var (t, g) in new[] { (1, 10.0), (2, 0.1), (3, 0.1) })
        {
            p.Grad = Tensor.FromArray([(float)g], 1);
            opt.Step();
            m = 0.9 * m + 0.1 * g;
            v = 0.999 * v + 0.001 * g * g;
            vmax = Math.Max(vmax, v);
            w -= 0.1 / (1 - Math.Pow(0.9, t)) * m / (Math.Sqrt(vmax) / Math.Sqrt(1 - Math.Pow(0.999, t)) + 1e-8);
            Assert.Equal(w, p.Item(), 5);
        }
    }

    [Fact]
    public void GroupsHaveTheirOwnLearningRateAndParametersWithoutGradAreSkipped()
    {
        var a = Tensor.FromArray([1f], 1); var b = Tensor.FromArray([1f], 1); var c = Tensor.FromArray([1f], 1);
        var opt = new SGD([new ParamGroup([a]), new ParamGroup([b, c], lr: 0.5)], lr: 0.1);
        a.Grad = Tensor.Ones(1); b.Grad = Tensor.Ones(1);
        opt.Step();
        Assert.Equal(0.9f, a.Item(), 6);
        Assert.Equal(0.5f, b.Item(), 6);
        Assert.Equal(1f, c.Item());
        opt.LearningRate = 0.2;
        Assert.Equal(0.2, opt.ParamGroups[1].LearningRate);
    }

    [Fact]
    public void SplitDecayExemptsBiasesAndNormParameters()
    {
        var model = new Sequential(new Linear(3, 4), new BatchNorm1d(4), new Linear(4, 2));
        var groups = ParamGroups.SplitDecay(model, 5e-4);
        Assert.Equal(2, groups.Length);
        Assert.Equal(5e-4, new AdamW(groups).ParamGroups[0].WeightDecay);
        Assert.Equal(2, groups[0].Params.Count); // the two Linear weights
        Assert.All(groups[0].Params, p => Assert.Equal(2, p.Rank));
        Assert.Equal(4, groups[1].Params.Count); // two biases, BN weight and bias
        Assert.Equal(0.0, groups[1].WeightDecay);
    }

    [Fact]
    public void InvalidConfigurationsThrow()
    {
        var p = Param();
        Assert.Throws<ArgumentException>(() => new SGD([p], lr: 0.1, nesterov: true));
        Assert.Throws<ArgumentException>(() => new SGD([p, p], lr: 0.1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Adam([p], betas: (1.0, 0.999)));
        Assert.Throws<ArgumentException>(() => new Adam(Array.Empty<Tensor>()));
    }

    [Fact]
    public void StepsAfterTheFirstDoNotAllocate()
    {
        var model = new Sequential(new Linear(8, 16), new Tanh(), new Linear(16, 2));
        var x = GradCheck.Random(1, 4, 8);
        model.Call(x).Sum().Backward();
        foreach (var opt in new Optimizer[]
                 {
                     new SGD(model.Parameters(), lr: 0.01, momentum: 0.9, weightDecay: 1e-4, nesterov: true),
                     new Adam(model.Parameters(), weightDecay: 1e-4, amsgrad: true),
                     new AdamW(ParamGroups.SplitDecay(model, 1e-2)),
                 })
        {
            for (int i = 0; i < 3; i++) { opt.Step(); opt.ZeroGrad(); }
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 5; i++) { opt.Step(); opt.ZeroGrad(); }
            Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        }
    }
}
