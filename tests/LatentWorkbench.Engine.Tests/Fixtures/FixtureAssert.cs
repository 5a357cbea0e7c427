namespace LatentWorkbench.Engine.Tests.Fixtures;

/// <summary>Element-wise comparison with PyTorch values: |actual - expected| &lt;= atol + rtol |expected|.</summary>
public static class FixtureAssert
{
    public const double RelativeTolerance = 1e-5;
    public const double AbsoluteTolerance = 1e-4;

    public static void Close(Tensor expected, Tensor? actual, string what, double rtol = RelativeTolerance, double atol = AbsoluteTolerance)
    {
        Assert.True(actual is not null, $"{what}: missing (no gradient reached it?)");
        Assert.True(expected.Shape.SequenceEqual(actual!.Shape),
            $"{what}: shape [{string.Join(", ", actual.Shape)}], torch has [{string.Join(", ", expected.Shape)}]");
        var e = expected.ToArray();
        var a = actual.ToArray();
        double worst = 0;
        int worstIndex = -1;
        for (int i = 0; i < e.Length; i++)
        {
            double excess = Math.Abs((double)a[i] - e[i]) - (atol + rtol * Math.Abs(e[i]));
            if (double.IsNaN(a[i]) || excess > worst) { worst = double.IsNaN(a[i]) ? double.PositiveInfinity : excess; worstIndex = i; }
        }
        Assert.True(worstIndex < 0,
            worstIndex < 0 ? "" : $"{what}: element {worstIndex} is {a[worstIndex]:G9}, torch has {e[worstIndex]:G9} (rtol {rtol}, atol {atol})");
    }
}
