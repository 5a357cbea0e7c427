using LatentWorkbench.Engine.NN;

namespace LatentWorkbench.Engine.Tests.Ops;

/// <summary>Pooling and upsampling against direct window loops.</summary>
public class PoolingReferenceTests
{
    private static Tensor R(ulong seed, params int[] shape) => GradCheck.Random(seed, shape);

    [Fact]
    public void MaxPoolMatchesWindowMaximaAndIndices()
    {
        var x = R(1, 2, 3, 7, 6);
        var (y, indices) = F.MaxPool2dWithIndices(x, 3, 2, 1);
        Assert.Equal([2, 3, 4, 3], y.Shape);
        int k = 0;
        for (int n = 0; n < 2; n++)
            for (int c = 0; c < 3; c++)
                for (int i = 0; i < 4; i++)
                    for (int j = 0; j < 3; j++, k++)
                    {
                        float best = float.NegativeInfinity;
                        int bestIndex = -1;
                        for (int di = 0; di < 3; di++)
                            for (int dj = 0; dj < 3; dj++)
                            {
                                int ih = i * 2 - 1 + di, iw = j * 2 - 1 + dj;
                                if (ih < 0 || ih >= 7 || iw < 0 || iw >= 6) continue;
                                if (x[n, c, ih, iw] > best) { best = x[n, c, ih, iw]; bestIndex = ih * 6 + iw; }
                            }
                        Assert.Equal(best, y[n, c, i, j]);
                        Assert.Equal(bestIndex, indices[k]);
                    }
    }

    [Fact]
    public void MaxPoolGradientGoesToTheMaximum()
    {
        var x = Tensor.FromArray([1f, 5f, 2f, 3f], 1, 1, 2, 2);
        x.RequiresGrad = true;
        F.MaxPool2d(x, 2).Sum().Backward();
        Assert.Equal([0f, 1f, 0f, 0f], x.Grad!.ToArray());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void AvgPoolMatchesWindowMeans(bool countIncludePad)
    {
        var x = R(1, 1, 2, 5, 6);
        var y = F.AvgPool2d(x, 3, 2, 1, countIncludePad);
        Assert.Equal([1, 2, 3, 3], y.Shape);
        for (int c = 0; c < 2; c++)
            for (int i = 0; i < 3; i++)
                for (int j = 0; j < 3; j++)
                {
                    double sum = 0;
                    int count = 0;
                    for (int di = 0; di < 3; di++)
                        for (int dj = 0; dj < 3; dj++)
                        {
                            int ih = i * 2 - 1 + di, iw = j * 2 - 1 + dj;
                            if (ih < 0 || ih >= 5 || iw < 0 || iw >= 6) continue;
                            sum += x[0, c, ih, iw];
                            count++;
                        }
                    Assert.Equal(sum / (countIncludePad ? 9 : count), y[0, c, i, j], 5);
                }
    }

    [Fact]
    public void AdaptiveAvgPoolUsesPyTorchWindows()
    {
        // 5 -> 3: windows [0,2), [1,4), [3,5).
        var x = R(1, 1, 1, 5, 5);
        var y = F.AdaptiveAvgPool2d(x, 3, 3);
        int[] start = [0, 1, 3], end = [2, 4, 5];
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++)
            {
                double sum = 0;
                for (int a = start[i]; a < end[i]; a++) for (int b = start[j]; b < end[j]; b++) sum += x[0, 0, a, b];
                Assert.Equal(sum / ((end[i] - start[i]) * (end[j] - start[j])), y[0, 0, i, j], 5);
            }
        var global = F.AdaptiveAvgPool2d(x);
        Assert.Equal([1, 1, 1, 1], global.Shape);
        Assert.Equal(x.Mean().Item(), global.Item(), 5);
    }

    [Fact]
    public void UpsampleNearestRepeatsPixels()
    {
        var x = R(1, 2, 1, 2, 3);
        var y = F.UpsampleNearest2d(x, 2);
        Assert.Equal([2, 1, 4, 6], y.Shape);
        for (int n = 0; n < 2; n++)
            for (int i = 0; i < 4; i++)
                for (int j = 0; j < 6; j++) Assert.Equal(x[n, 0, i / 2, j / 2], y[n, 0, i, j]);
    }

    [Fact]
    public void RejectsBadArguments()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => F.MaxPool2d(R(1, 1, 1, 4, 4), 2, 2, 2));
        Assert.Contains("[1, 1, 2, 2]", Assert.Throws<ArgumentException>(() => F.MaxPool2d(R(1, 1, 1, 2, 2), 3)).Message);
        Assert.Contains("rank 4", Assert.Throws<ArgumentException>(() => F.AvgPool2d(R(1, 4, 4), 2)).Message);
    }
}
