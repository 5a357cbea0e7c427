using LatentWorkbench.Topology;

namespace LatentWorkbench.Tests.Topology;

/// <summary>H1's input checks: errors name the argument and the expected shape.</summary>
public class PersistenceH1InputTests
{
    [Fact]
    public void BadPointsAreErrorsNamingTheArgumentAndShape()
    {
        var size = Assert.Throws<ArgumentException>(() => PersistenceH1.Compute(new float[7], count: 4, dim: 2, threshold: 1));
        Assert.Equal("points", size.ParamName);
        Assert.Contains("[4 * 2] = 8", size.Message);
        Assert.Contains("got 7", size.Message);
        var nan = Assert.Throws<ArgumentException>(() => PersistenceH1.Compute([0, 0, float.NaN, 1], count: 2, dim: 2, threshold: 1));
        Assert.Equal("points", nan.ParamName);
        Assert.Equal("count", Assert.Throws<ArgumentOutOfRangeException>(() => PersistenceH1.Compute([], count: -1, dim: 2, threshold: 1)).ParamName);
        Assert.Equal("dim", Assert.Throws<ArgumentOutOfRangeException>(() => PersistenceH1.Compute([], count: 0, dim: 0, threshold: 1)).ParamName);
        Assert.Equal("threshold", Assert.Throws<ArgumentOutOfRangeException>(() => PersistenceH1.Compute([0, 0], count: 1, dim: 2, threshold: double.NaN)).ParamName);
        Assert.Equal("bars", Assert.Throws<ArgumentNullException>(() => PersistenceH1.BettiCurve(null!, [1.0])).ParamName);
    }

    [Fact]
    public void NoPointsHaveNoBars() => Assert.Empty(PersistenceH1.Compute([], count: 0, dim: 2, threshold: 1));
}
