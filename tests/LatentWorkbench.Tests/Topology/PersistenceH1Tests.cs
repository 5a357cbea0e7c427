using LatentWorkbench.Topology;

namespace LatentWorkbench.Tests.Topology;

/// <summary>H1 of noisy loops: a circle has one long bar, a figure eight two.</summary>
public class PersistenceH1Tests
{
    private static void AddCircle(List<float> pts, Random rng, int n, double cx, double cy, double noise)
    {
        for (int i = 0; i < n; i++)
        {
            double t = 2 * Math.PI * i / n;
            pts.Add((float)(cx + Math.Cos(t) + noise * (rng.NextDouble() - 0.5)));
            pts.Add((float)(cy + Math.Sin(t) + noise * (rng.NextDouble() - 0.5)));
        }
    }

    [Fact]
    public void NoisyCircleHasExactlyOneLongBar()
    {
        var pts = new List<float>();
        AddCircle(pts, new Random(1), 80, 0, 0, 0.1);
        var bars = PersistenceH1.Compute(pts.ToArray(), 80, 2, 2.1);
        Assert.Single(bars, b => b.Persistence > 0.5);
        var longBar = bars[0];
        Assert.InRange(longBar.Birth, 0, 0.3);
        Assert.InRange(longBar.Death, 1.5, 1.9); // an inscribed equilateral triangle of side sqrt(3) fills the loop
    }

    [Fact]
    public void FigureEightHasExactlyTwoLongBars()
    {
        var pts = new List<float>();
        var rng = new Random(2);
        AddCircle(pts, rng, 70, -1, 0, 0.05);
        AddCircle(pts, rng, 70, 1.05, 0, 0.05);
        var bars = PersistenceH1.Compute(pts.ToArray(), 140, 2, 1.9);
        Assert.Equal(2, bars.Count(b => b.Persistence > 0.5));
    }

    [Fact]
    public void BelowTheFillingScaleTheCircleIsEssential()
    {
        var pts = new List<float>();
        AddCircle(pts, new Random(3), 60, 0, 0, 0.0);
        var bars = PersistenceH1.Compute(pts.ToArray(), 60, 2, 0.5);
        var bar = Assert.Single(bars);
        Assert.True(double.IsPositiveInfinity(bar.Death));
        Assert.Equal(2 * Math.Sin(Math.PI / 60), bar.Birth, 1e-5);
    }

    [Fact]
    public void BettiCurveCountsTheCircleBetweenItsBirthAndDeath()
    {
        var pts = new List<float>();
        AddCircle(pts, new Random(1), 80, 0, 0, 0.1);
        var bars = PersistenceH1.Compute(pts.ToArray(), 80, 2, 2.1);
        var loop = bars[0];
        double mid = 0.5 * (loop.Birth + loop.Death);
        var curve = PersistenceH1.BettiCurve(bars, [0.0, mid, loop.Death + 0.01, 2.1]);
        // Nothing is born at 0; in the middle of the long bar only it is alive; after its death (and the threshold) nothing.
        Assert.Equal(0, curve[0]);
        Assert.Equal(1, curve[1]);
        Assert.Equal(0, curve[2]);
        Assert.Equal(0, curve[3]);
    }
}
