using LatentWorkbench.Engine.NN;

namespace LatentWorkbench.Engine.Tests.Ops;

/// <summary>Pairwise distances against direct loops, and the zero-distance gradient.</summary>
public class DistanceReferenceTests
{
    [Fact]
    public void CdistMatchesDirectLoops()
    {
        var a = GradCheck.Random(1, 7, 5);
        var b = GradCheck.Random(2, 4, 5) + 0.5f;
        var d = F.Cdist(a, b);
        var d2 = F.CdistSquared(a, b);
        Assert.Equal([7, 4], d.Shape);
        for (int i = 0; i < 7; i++)
            for (int j = 0; j < 4; j++)
            {
                double sq = 0;
                for (int k = 0; k < 5; k++) { double diff = a[i, k] - b[j, k]; sq += diff * diff; }
                Assert.Equal(Math.Sqrt(sq), d[i, j], 4);
                Assert.Equal(sq, d2[i, j], 4);
            }
    }

    [Fact]
    public void ZeroDistanceHasZeroGradientNotNaN()
    {
        var a = Tensor.FromArray(new float[,] { { 1, 2 }, { 0, 1 } });
        var b = Tensor.FromArray(new float[,] { { 1, 2 } });
        a.RequiresGrad = true;
        var d = F.Cdist(a, b);
        Assert.Equal(0f, d[0, 0]);
        d.Sum().Backward();
        var g = a.Grad!;
        Assert.Equal(0f, g[0, 0]);
        Assert.Equal(0f, g[0, 1]);
        // Row 1: d/da ||a - b|| = (a - b) / ||a - b|| = (-1, -1) / sqrt(2).
        Assert.Equal(-1 / Math.Sqrt(2), g[1, 0], 5);
        Assert.Equal(-1 / Math.Sqrt(2), g[1, 1], 5);
    }

    [Fact]
    public void RejectsMismatchedFeatureSizes() =>
        Assert.Contains("[2, 4]", Assert.Throws<ArgumentException>(() => F.Cdist(Tensor.Zeros(3, 3), Tensor.Zeros(2, 4))).Message);
}
