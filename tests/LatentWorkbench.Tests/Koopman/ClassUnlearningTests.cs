using LatentWorkbench.Koopman;
using MathNet.Numerics.LinearAlgebra;

namespace LatentWorkbench.Tests.Koopman;

/// <summary>The closed-form operator edit against explicit inverses and its defining properties.</summary>
public class ClassUnlearningTests
{
    private static Matrix<double> Random(int r, int c, int seed)
    {
        var rng = new Random(seed);
        return Matrix<double>.Build.Dense(r, c, (_, _) => rng.NextDouble() * 2 - 1);
    }

    [Fact]
    public void MatchesTheFormulaWithExplicitInverses()
    {
        var a = Random(6, 6, 1); var h = Random(4, 6, 2); var xc = Random(30, 6, 3); var t = Random(4, 6, 4);
        var id6 = Matrix<double>.Build.DenseIdentity(6);
        var c0Inv = (xc.Transpose() * xc + 0.1 * id6).Inverse();
        var dInv = (h * c0Inv * h.Transpose() + 0.1 * Matrix<double>.Build.DenseIdentity(4)).Inverse();
        var expected = a + c0Inv * h.Transpose() * dInv * (t - h * a);
        var edited = ClassUnlearning.Edit(a, h, xc, t);
        Assert.True((edited - expected).FrobeniusNorm() < 1e-9);
    }

    [Fact]
    public void SmallLambdaMapsForgetRowsOntoTargetsAndKeepsOrthogonalRetainedRows()
    {
        // Retained rows span the first 3 coordinates, forget rows the last 3: the edit must not move retained images.
        var a = Random(6, 6, 5);
        var xc = Matrix<double>.Build.Dense(20, 6, (i, j) => j < 3 ? Math.Sin(i * 1.3 + j * 2.1) : 0);
        var h = Matrix<double>.Build.Dense(3, 6, (i, j) => j >= 3 ? (i == j - 3 ? 1 : 0.2) : 0);
        var t = Random(3, 6, 6);
        var edited = ClassUnlearning.Edit(a, h, xc, t, lambda: 1e-8);
        Assert.True((h * edited - t).FrobeniusNorm() < 1e-5);
        Assert.True((xc * edited - xc * a).FrobeniusNorm() < 1e-9);
    }

    [Fact]
    public void EmptyForgetClassIsAnError()
    {
        var e = Assert.Throws<ArgumentException>(() =>
            ClassUnlearning.Edit(Random(3, 3, 1), Matrix<double>.Build.Dense(0, 3), Random(5, 3, 2), Matrix<double>.Build.Dense(0, 3)));
        Assert.Contains("no samples", e.Message);
    }

    [Fact]
    public void SingularSystemIsAnError()
    {
        // lambda = 0 and retained rows of rank 1 in 3 dimensions: C0 is singular.
        var xc = Matrix<double>.Build.Dense(5, 3, (i, j) => j == 0 ? i + 1 : 0);
        var e = Assert.Throws<InvalidOperationException>(() => ClassUnlearning.Edit(Random(3, 3, 1), Random(2, 3, 2), xc, Random(2, 3, 3), lambda: 0));
        Assert.Contains("singular", e.Message);
    }
}
