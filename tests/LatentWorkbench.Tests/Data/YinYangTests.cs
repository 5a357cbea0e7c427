using LatentWorkbench.Data;

namespace LatentWorkbench.Tests.Data;

public class YinYangTests
{
    [Theory]
    [InlineData(0.75, 0.5, YinYang.Dot)]   // centre of the right dot
    [InlineData(0.25, 0.5, YinYang.Dot)]   // centre of the left dot
    [InlineData(0.25, 0.58, YinYang.Dot)]  // inside the left dot (d_L = 0.08)
    [InlineData(0.25, 0.65, YinYang.Yin)]  // ring around the left dot (d_L = 0.15)
    [InlineData(0.25, 0.30, YinYang.Yin)]  // ring around the left dot, lower half (d_L = 0.2)
    [InlineData(0.75, 0.65, YinYang.Yang)] // ring around the right dot (d_R = 0.15)
    [InlineData(0.5, 0.9, YinYang.Yin)]    // upper half, far from the right dot
    [InlineData(0.5, 0.1, YinYang.Yang)]   // lower half, far from the left dot
    [InlineData(0.95, 0.45, YinYang.Yang)] // right edge, lower half
    public void ClassRules(double x, double y, int expected) => Assert.Equal(expected, YinYang.Classify(x, y));

    [Fact]
    public void StandardSplitsHaveTheirSizesAndBalancedClasses()
    {
        var train = YinYang.Train();
        Assert.Equal(5000, train.Count);
        Assert.Equal(1000, YinYang.Validation().Count);
        Assert.Equal(1000, YinYang.Test().Count);
        foreach (int count in train.ClassCounts())
            Assert.InRange(count / 5000.0, 1 / 3.0 - 0.03, 1 / 3.0 + 0.03);
    }

    [Fact]
    public void PointsLieInTheCircleAndCarryConsistentFeaturesAndLabels()
    {
        var data = YinYang.Generate(2000, 123);
        Assert.Equal(new[] { 4 }, data.SampleShape);
        for (int i = 0; i < data.Count; i++)
        {
            double x = data[i, 0], y = data[i, 1];
            Assert.True((x - 0.5) * (x - 0.5) + (y - 0.5) * (y - 0.5) <= 0.25 + 1e-6, $"point {i} ({x}, {y}) outside the circle");
            Assert.Equal(1 - x, data[i, 2], 1e-6);
            Assert.Equal(1 - y, data[i, 3], 1e-6);
            Assert.Equal(YinYang.Classify(x, y), data.Labels[i]);
        }
    }

    [Fact]
    public void GenerationIsDeterministicPerSeed()
    {
        var a = YinYang.Generate(300, 42);
        var b = YinYang.Generate(300, 42);
        var c = YinYang.Generate(300, 43);
        Assert.Equal(a.Data, b.Data);
        Assert.Equal(a.Labels, b.Labels);
        Assert.NotEqual(a.Data, c.Data);
        // The standard splits use different seeds, so they are different point sets.
        Assert.NotEqual(YinYang.Validation().Data, YinYang.Test().Data);
    }

    [Fact]
    public void ClassAreasMatchTheSymbol()
    {
        // Independent check of the rules by area: each dot is pi r_small^2; yin and yang split the rest of the
        // disc equally by symmetry. Midpoint grid integration over [0, 1]^2.
        const int n = 1000;
        var area = new double[3];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                double x = (i + 0.5) / n, y = (j + 0.5) / n;
                if ((x - 0.5) * (x - 0.5) + (y - 0.5) * (y - 0.5) > 0.25) continue;
                area[YinYang.Classify(x, y)] += 1.0 / (n * n);
            }
        double dots = 2 * Math.PI * 0.01, rest = Math.PI * 0.25 - dots;
        Assert.Equal(dots, area[YinYang.Dot], 3);
        Assert.Equal(rest / 2, area[YinYang.Yin], 3);
        Assert.Equal(rest / 2, area[YinYang.Yang], 3);
    }
}
