using LatentWorkbench.Engine;
using LatentWorkbench.Engine.Autograd;

namespace LatentWorkbench.Engine.Tests.Autograd;

public class AutogradTests
{
    [Fact]
    public void GradientsAccumulateAcrossBackwardCalls()
    {
        var x = Tensor.FromArray([1f, 2f, 3f], 3);
        x.RequiresGrad = true;
        (x * x).Sum().Backward();
        (x * 3f).Sum().Backward();
        Assert.Equal([5f, 7f, 9f], x.Grad!.ToArray());
    }

    [Fact]
    public void NoGradScopeRecordsNothing()
    {
        var x = Tensor.Ones(2);
        x.RequiresGrad = true;
        Tensor y;
        using (GradMode.NoGrad()) y = x * 2f;
        Assert.False(y.RequiresGrad);
        Assert.True((x * 2f).RequiresGrad);
    }

    [Fact]
    public void DetachStopsGradient()
    {
        var x = Tensor.FromArray([2f], 1);
        x.RequiresGrad = true;
        var y = x * x.Detach();
        y.Sum().Backward();
        Assert.Equal(2f, x.Grad!.Item());
    }

    [Fact]
    public void SecondDerivativeThroughCreateGraph()
    {
        var x = Tensor.FromArray([1.5f], 1);
        x.RequiresGrad = true;
        var y = x.Pow(3f).Sum();
        var dy = Grad.Of(y, [x], createGraph: true)[0];
        Assert.Equal(3f * 1.5f * 1.5f, dy.Item(), 4);
        var d2y = Grad.Of(dy.Sum(), [x])[0];
        Assert.Equal(6f * 1.5f, d2y.Item(), 4);
    }

    [Fact]
    public void BackwardOnNonScalarNeedsGradient()
    {
        var x = Tensor.Ones(3);
        x.RequiresGrad = true;
        var ex = Assert.Throws<InvalidOperationException>(() => (x * 2f).Backward());
        Assert.Contains("scalar", ex.Message);
    }

    [Fact]
    public void BroadcastErrorNamesShapes()
    {
        var ex = Assert.Throws<ArgumentException>(() => Tensor.Ones(2, 3) + Tensor.Ones(4));
        Assert.Contains("[2, 3]", ex.Message);
        Assert.Contains("[4]", ex.Message);
    }

    [Fact]
    public void ViewsShareStorage()
    {
        var x = Tensor.Arange(6).Reshape(2, 3);
        var t = x.T;
        Assert.False(t.IsContiguous);
        Assert.Equal([0f, 3f, 1f, 4f, 2f, 5f], t.ToArray());
        x[0, 1] = 10f;
        Assert.Equal(10f, t[1, 0]);
    }

    [Fact]
    public void SameSeedSameNumbers()
    {
        var a = Tensor.Randn(new Generator(42), 100).ToArray();
        var b = Tensor.Randn(new Generator(42), 100).ToArray();
        var c = Tensor.Randn(new Generator(43), 100).ToArray();
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
        double mean = a.Average(), sd = Math.Sqrt(a.Select(v => (v - mean) * (v - mean)).Average());
        Assert.InRange(mean, -0.3, 0.3);
        Assert.InRange(sd, 0.8, 1.2);
    }

    [Fact]
    public void SoftmaxMatchesClosedForm()
    {
        var x = Tensor.FromArray([1f, 2f, 3f, 1000f, 1000f, 1000f], 2, 3);
        var y = x.Softmax(1).ToArray();
        double z = Math.Exp(1) + Math.Exp(2) + Math.Exp(3);
        Assert.Equal(Math.Exp(1) / z, y[0], 5);
        Assert.Equal(1.0 / 3, y[4], 5);
    }
}
