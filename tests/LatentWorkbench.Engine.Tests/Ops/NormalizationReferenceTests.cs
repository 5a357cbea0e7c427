using LatentWorkbench.Engine.NN;

namespace LatentWorkbench.Engine.Tests.Ops;

/// <summary>Normalisation outputs and running statistics against direct formulas.</summary>
public class NormalizationReferenceTests
{
    private static Tensor R(ulong seed, params int[] shape) => GradCheck.Random(seed, shape);

    /// <summary>Mean and biased variance of channel c of x [N, C, S...], in double.</summary>
    private static (double Mean, double Var, int Count) ChannelStats(Tensor x, int c)
    {
        var data = x.ToArray();
        int n = x.Size(0), ch = x.Size(1), s = x.Numel / (n * ch);
        double sum = 0, sq = 0;
        for (int i = 0; i < n; i++) for (int k = 0; k < s; k++) sum += data[(i * ch + c) * s + k];
        double mean = sum / (n * s);
        for (int i = 0; i < n; i++) for (int k = 0; k < s; k++) { double d = data[(i * ch + c) * s + k] - mean; sq += d * d; }
        return (mean, sq / (n * s), n * s);
    }

    [Theory]
    [InlineData(new[] { 6, 3 })]
    [InlineData(new[] { 4, 3, 2, 5 })]
    public void BatchNormTrainingNormalisesAndUpdatesRunningStats(int[] shape)
    {
        var x = R(1, shape) * 2f + 1f;
        var w = R(2, 3);
        var b = R(3, 3);
        var runningMean = Tensor.FromArray([0.5f, -1f, 2f], 3);
        var runningVar = Tensor.FromArray([1f, 2f, 0.5f], 3);
        var oldMean = runningMean.ToArray();
        var oldVar = runningVar.ToArray();
        var y = F.BatchNorm(x, runningMean, runningVar, w, b, training: true, momentum: 0.2f, eps: 1e-3f);
        int n = shape[0], s = x.Numel / (n * 3);
        var xs = x.ToArray();
        var ys = y.ToArray();
        for (int c = 0; c < 3; c++)
        {
            var (mean, variance, count) = ChannelStats(x, c);
            double inv = 1 / Math.Sqrt(variance + 1e-3);
            for (int i = 0; i < n; i++)
                for (int k = 0; k < s; k++)
                {
                    int idx = (i * 3 + c) * s + k;
                    Assert.Equal((xs[idx] - mean) * inv * w[c] + b[c], ys[idx], 4);
                }
            Assert.Equal(0.8 * oldMean[c] + 0.2 * mean, runningMean[c], 5);
            Assert.Equal(0.8 * oldVar[c] + 0.2 * variance * count / (count - 1), runningVar[c], 5);
        }
    }

    [Fact]
    public void BatchNormEvalUsesRunningStatsAndLeavesThem()
    {
        var x = R(1, 4, 2, 3);
        var runningMean = Tensor.FromArray([0.5f, -1f], 2);
        var runningVar = Tensor.FromArray([4f, 0.25f], 2);
        var y = F.BatchNorm(x, runningMean, runningVar, Tensor.FromArray([2f, 3f], 2), Tensor.FromArray([0.1f, -0.1f], 2), training: false, eps: 0f);
        Assert.Equal([0.5f, -1f], runningMean.ToArray());
        Assert.Equal([4f, 0.25f], runningVar.ToArray());
        for (int i = 0; i < 4; i++)
            for (int k = 0; k < 3; k++)
            {
                Assert.Equal((x[i, 0, k] - 0.5) / 2 * 2 + 0.1, y[i, 0, k], 5);
                Assert.Equal((x[i, 1, k] + 1) / 0.5 * 3 - 0.1, y[i, 1, k], 4);
            }
    }

    [Fact]
    public void BatchNormRejectsSingleValuePerChannelInTraining()
    {
        var ex = Assert.Throws<ArgumentException>(() => F.BatchNorm(R(1, 1, 3), null, null, training: true));
        Assert.Contains("more than 1 value", ex.Message);
        Assert.Throws<ArgumentException>(() => F.BatchNorm(R(1, 2, 3), null, null, training: false));
        Assert.Contains("[4]", Assert.Throws<ArgumentException>(() => F.BatchNorm(R(1, 2, 3), null, null, Tensor.Ones(4), training: true)).Message);
    }

    [Fact]
    public void GroupNormMatchesPerGroupFormula()
    {
        var x = R(1, 2, 6, 2, 2);
        var w = R(2, 6);
        var b = R(3, 6);
        var y = F.GroupNorm(x, 3, w, b, eps: 1e-5f);
        for (int n = 0; n < 2; n++)
            for (int g = 0; g < 3; g++)
            {
                var values = new List<double>();
                for (int c = 2 * g; c < 2 * g + 2; c++) for (int i = 0; i < 2; i++) for (int j = 0; j < 2; j++) values.Add(x[n, c, i, j]);
                double mean = values.Average(), variance = values.Select(v => (v - mean) * (v - mean)).Average();
                for (int c = 2 * g; c < 2 * g + 2; c++)
                    for (int i = 0; i < 2; i++)
                        for (int j = 0; j < 2; j++)
                            Assert.Equal((x[n, c, i, j] - mean) / Math.Sqrt(variance + 1e-5) * w[c] + b[c], y[n, c, i, j], 4);
            }
    }

    [Fact]
    public void LayerNormMatchesPerRowFormula()
    {
        var x = R(1, 3, 2, 4);
        var w = R(2, 2, 4);
        var b = R(3, 2, 4);
        var y = F.LayerNorm(x, [2, 4], w, b);
        for (int r = 0; r < 3; r++)
        {
            var values = new List<double>();
            for (int i = 0; i < 2; i++) for (int j = 0; j < 4; j++) values.Add(x[r, i, j]);
            double mean = values.Average(), variance = values.Select(v => (v - mean) * (v - mean)).Average();
            for (int i = 0; i < 2; i++)
                for (int j = 0; j < 4; j++)
                    Assert.Equal((x[r, i, j] - mean) / Math.Sqrt(variance + 1e-5) * w[i, j] + b[i, j], y[r, i, j], 4);
        }
        Assert.Contains("[3, 2, 4]", Assert.Throws<ArgumentException>(() => F.LayerNorm(x, [4, 2])).Message);
    }
}
