using LatentWorkbench.Engine.NN;

namespace LatentWorkbench.Engine.Tests.NN;

public class InitTests
{
    private static (double Mean, double Std, double MaxAbs) Stats(Tensor t)
    {
        var v = t.ToArray();
        double mean = v.Average(x => (double)x);
        double var = v.Sum(x => (x - mean) * (x - mean)) / v.Length;
        return (mean, Math.Sqrt(var), v.Max(x => Math.Abs((double)x)));
    }

    [Fact]
    public void LinearDefaultIsUniformWithinInverseSqrtFanIn()
    {
        var layer = new Linear(64, 200, generator: new Generator(1));
        double bound = 1 / Math.Sqrt(64);
        var (mean, std, maxAbs) = Stats(layer.Weight);
        Assert.True(maxAbs <= bound, $"weight max |w| {maxAbs} exceeds {bound}");
        Assert.True(maxAbs > 0.98 * bound, "weights should fill the interval");
        Assert.InRange(mean, -0.01 * bound * 10, 0.01 * bound * 10);
        Assert.InRange(std, 0.97 * bound / Math.Sqrt(3), 1.03 * bound / Math.Sqrt(3)); // std of U(-b, b) is b / sqrt(3)
        Assert.True(Stats(layer.Bias!).MaxAbs <= bound);
    }

    [Fact]
    public void ConvFanInIncludesKernelArea()
    {
        var conv = new Conv2d(4, 32, 3, generator: new Generator(2));
        double bound = 1 / Math.Sqrt(4 * 9);
        var (_, std, maxAbs) = Stats(conv.Weight);
        Assert.True(maxAbs <= bound && maxAbs > 0.95 * bound);
        Assert.InRange(std, 0.95 * bound / Math.Sqrt(3), 1.05 * bound / Math.Sqrt(3));
        Assert.True(Stats(conv.Bias!).MaxAbs <= bound);
    }

    [Fact]
    public void ConvTransposeFanInUsesWeightDimensionOne()
    {
        // Weight [in=16, out=2, 3, 3]: PyTorch's fan_in is 2 * 9 = 18, not 16 * 9.
        var deconv = new ConvTranspose2d(16, 2, 3, generator: new Generator(3));
        Assert.Equal([16, 2, 3, 3], deconv.Weight.Shape);
        double bound = 1 / Math.Sqrt(18);
        var (_, _, maxAbs) = Stats(deconv.Weight);
        Assert.True(maxAbs <= bound && maxAbs > 0.95 * bound, $"max |w| {maxAbs}, bound {bound}");
        Assert.True(Stats(deconv.Bias!).MaxAbs <= bound);
    }

    [Fact]
    public void NormLayersStartAtIdentityAffine()
    {
        var bn = new BatchNorm2d(3);
        Assert.Equal([1f, 1f, 1f], bn.Weight!.ToArray());
        Assert.Equal([0f, 0f, 0f], bn.Bias!.ToArray());
        Assert.Equal([1f, 1f, 1f], bn.RunningVar!.ToArray());
    }

    [Fact]
    public void KaimingNormalStd()
    {
        var t = Init.KaimingNormal(Tensor.Zeros(256, 128), mode: FanMode.FanOut, nonlinearity: Nonlinearity.Relu, generator: new Generator(4));
        double expected = Math.Sqrt(2.0) / Math.Sqrt(256);
        var (mean, std, _) = Stats(t);
        Assert.InRange(std, 0.98 * expected, 1.02 * expected);
        Assert.InRange(mean, -0.01 * expected * 5, 0.01 * expected * 5);
    }

    [Fact]
    public void XavierUniformBound()
    {
        var t = Init.XavierUniform(Tensor.Zeros(30, 50), gain: 2, generator: new Generator(5));
        double bound = 2 * Math.Sqrt(6.0 / 80);
        var (_, _, maxAbs) = Stats(t);
        Assert.True(maxAbs <= bound && maxAbs > 0.97 * bound);
    }

    [Fact]
    public void GainValues()
    {
        Assert.Equal(Math.Sqrt(2.0 / (1 + 5.0)), Init.CalculateGain(Nonlinearity.LeakyRelu, Math.Sqrt(5)), 12);
        Assert.Equal(5.0 / 3, Init.CalculateGain(Nonlinearity.Tanh), 12);
    }

    [Theory]
    [InlineData(6, 10)]
    [InlineData(10, 6)]
    [InlineData(8, 8)]
    public void OrthogonalHasOrthonormalRowsOrColumns(int rows, int cols)
    {
        var t = Init.Orthogonal(Tensor.Zeros(rows, cols), gain: 1.5, generator: new Generator(6));
        var v = t.ToArray();
        // The smaller side is orthonormal: W W^T = gain^2 I for wide W, W^T W = gain^2 I for tall W.
        bool wide = rows <= cols;
        int n = wide ? rows : cols, len = wide ? cols : rows;
        for (int a = 0; a < n; a++)
            for (int b = 0; b < n; b++)
            {
                double dot = 0;
                for (int i = 0; i < len; i++)
                    dot += wide ? (double)v[a * cols + i] * v[b * cols + i] : (double)v[i * cols + a] * v[i * cols + b];
                Assert.Equal(a == b ? 2.25 : 0.0, dot, 5);
            }
    }

    [Fact]
    public void ManualSeedMakesDefaultInitialisationReproducible()
    {
        Init.ManualSeed(42);
        var a = new Linear(5, 5).Weight.ToArray();
        Init.ManualSeed(42);
        var b = new Linear(5, 5).Weight.ToArray();
        Assert.Equal(a, b);
        var c = new Linear(5, 5).Weight.ToArray();
        Assert.NotEqual(a, c);
    }
}
