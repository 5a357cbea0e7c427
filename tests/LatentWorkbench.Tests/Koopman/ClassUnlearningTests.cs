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

    [Theory]
    [InlineData(0.1)]
    [InlineData(3.0)]
    public void TwoByTwoEditMatchesTheHandComputedOperator(double lambda)
    {
        // A = I, H = [1 0], X_c = [0 1], T = 0: C0 = diag(lambda, 1 + lambda), D = 1/lambda + lambda, R = [-1 0], so
        // Delta = [1/lambda; 0] [-1 0] / (1/lambda + lambda) and A'[0,0] = lambda^2 / (1 + lambda^2), the rest of A kept.
        var a = Matrix<double>.Build.DenseIdentity(2);
        var h = Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 0 } });
        var xc = Matrix<double>.Build.DenseOfArray(new double[,] { { 0, 1 } });
        var edited = ClassUnlearning.Edit(a, h, xc, Matrix<double>.Build.Dense(1, 2), lambda);
        var expected = Matrix<double>.Build.DenseOfArray(new double[,] { { lambda * lambda / (1 + lambda * lambda), 0 }, { 0, 1 } });
        Assert.True((edited - expected).FrobeniusNorm() < 1e-12, edited.ToString());
        var viaGrams = ClassUnlearning.EditFromGrams(a, xc.TransposeThisAndMultiply(xc), h.TransposeThisAndMultiply(h), h.TransposeThisAndMultiply(-h * a), lambda);
        Assert.True((viaGrams - expected).FrobeniusNorm() < 1e-12, viaGrams.ToString());
    }

    [Fact]
    public void ThreeByThreeEditWithOverlappingRowsMatchesTheHandComputedOperator()
    {
        // A = I, H = [1 1 0] shares e1 with X_c = [1 0 0], T = 0. C0 = diag(1 + l, l, l), u = C0^-1 H^T = [1/(1+l), 1/l, 0],
        // D = 1/(1+l) + 1/l + l, R = -[1 1 0]: A' = I - u [1 1 0] / D. The edit acts mostly through e2, which X_c leaves free.
        const double l = 0.1;
        var a = Matrix<double>.Build.DenseIdentity(3);
        var h = Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 1, 0 } });
        var xc = Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 0, 0 } });
        var edited = ClassUnlearning.Edit(a, h, xc, Matrix<double>.Build.Dense(1, 3), l);
        double d = 1 / (1 + l) + 1 / l + l;
        double[] u = [1 / (1 + l), 1 / l, 0];
        var expected = Matrix<double>.Build.Dense(3, 3, (i, j) => (i == j ? 1 : 0) - u[i] * (j < 2 ? 1 : 0) / d);
        Assert.True((edited - expected).FrobeniusNorm() < 1e-12, edited.ToString());
    }

    [Fact]
    public void GramFormMatchesThePapersFormWhenTheForgetClassHasMoreRowsThanDimensions()
    {
        // The real case (thousands of rows, d = 20): D is m x m and rank-deficient without lambda.
        var a = Random(5, 5, 7); var h = Random(40, 5, 8); var xc = Random(60, 5, 9); var t = Random(40, 5, 10);
        foreach (double lambda in new[] { 0.01, 0.1, 3.0 })
        {
            var id5 = Matrix<double>.Build.DenseIdentity(5);
            var c0Inv = (xc.Transpose() * xc + lambda * id5).Inverse();
            var dInv = (h * c0Inv * h.Transpose() + lambda * Matrix<double>.Build.DenseIdentity(40)).Inverse();
            var expected = a + c0Inv * h.Transpose() * dInv * (t - h * a);
            Assert.True((ClassUnlearning.Edit(a, h, xc, t, lambda) - expected).FrobeniusNorm() < 1e-8 * expected.FrobeniusNorm());
        }
    }

    [Theory]
    [InlineData(0.1)]
    [InlineData(3.0)]
    public void EditMinimisesRetainedChangePlusRidgePlusForgetMisfitOverLambda(double lambda)
    {
        // What the formula solves: Delta = argmin ||X_c Delta||^2 + lambda ||Delta||^2 + (1/lambda) ||H (A + Delta) - T||^2,
        // so 1/lambda weighs each forgotten row's misfit against each retained row's change (a ratio that does not depend
        // on the observables' scale). Check the stationarity condition and that random perturbations only increase it.
        var a = Random(5, 5, 21); var h = Random(30, 5, 22); var xc = Random(50, 5, 23); var t = Random(30, 5, 24);
        var delta = ClassUnlearning.Edit(a, h, xc, t, lambda) - a;
        double J(Matrix<double> dl) =>
            Math.Pow((xc * dl).FrobeniusNorm(), 2) + lambda * Math.Pow(dl.FrobeniusNorm(), 2) + Math.Pow((h * (a + dl) - t).FrobeniusNorm(), 2) / lambda;
        var gradient = (xc.Transpose() * xc + lambda * Matrix<double>.Build.DenseIdentity(5)) * delta + h.Transpose() * (h * (a + delta) - t) / lambda;
        Assert.True(gradient.FrobeniusNorm() < 1e-9 * (1 + (h.Transpose() * t).FrobeniusNorm() / lambda));
        double best = J(delta);
        for (int k = 0; k < 20; k++) Assert.True(J(delta + 1e-3 * Random(5, 5, 100 + k)) > best);
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
