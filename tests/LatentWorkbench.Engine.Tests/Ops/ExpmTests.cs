using LatentWorkbench.Engine.Autograd;
using LatentWorkbench.Engine.NN;

namespace LatentWorkbench.Engine.Tests.Ops;

/// <summary>The matrix exponential against closed forms across the Padé degrees and squaring counts.</summary>
public class ExpmTests
{
    private static void AssertMatrix(double[,] expected, Tensor actual, double tol)
    {
        int n = expected.GetLength(0);
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                double e = expected[i, j], a = actual[i, j];
                Assert.True(Math.Abs(e - a) <= tol * Math.Max(1, Math.Abs(e)), $"entry ({i}, {j}): expected {e:G8}, got {a:G8}");
            }
    }

    [Theory]
    [InlineData(0.001)]  // degree 3
    [InlineData(0.1)]    // degree 5
    [InlineData(0.5)]    // degree 7
    [InlineData(1.5)]    // degree 9
    [InlineData(4.0)]    // degree 13, no squaring
    [InlineData(12.0)]   // degree 13 with squaring
    public void DiagonalGivesElementwiseExp(double scale)
    {
        double[] d = [scale, -0.5 * scale, 0.25 * scale];
        var m = Tensor.Zeros(3, 3);
        for (int i = 0; i < 3; i++) m[i, i] = (float)d[i];
        var expected = new double[3, 3];
        for (int i = 0; i < 3; i++) expected[i, i] = Math.Exp((float)d[i]);
        AssertMatrix(expected, F.Expm(m), 2e-6);
    }

    [Fact]
    public void NilpotentSeriesTerminates()
    {
        // N strictly upper triangular: N^3 = 0, so exp(N) = I + N + N^2 / 2.
        var n = Tensor.FromArray(new float[,] { { 0, 1.5f, -2 }, { 0, 0, 3 }, { 0, 0, 0 } });
        var expected = new double[,] { { 1, 1.5, -2 + 1.5 * 3 / 2.0 }, { 0, 1, 3 }, { 0, 0, 1 } };
        AssertMatrix(expected, F.Expm(n), 1e-6);
    }

    [Theory]
    [InlineData(0.3)]
    [InlineData(2.0)]
    [InlineData(10.0)]
    public void RotationGeneratorGivesRotation(double theta)
    {
        var g = Tensor.FromArray(new float[,] { { 0, (float)-theta }, { (float)theta, 0 } });
        double t = (float)theta;
        var expected = new double[,] { { Math.Cos(t), -Math.Sin(t) }, { Math.Sin(t), Math.Cos(t) } };
        AssertMatrix(expected, F.Expm(g), 2e-6);
    }

    [Fact]
    public void InverseIsExpOfNegative()
    {
        var a = GradCheck.Random(3, 4, 4) * 1.5f;
        var product = F.Expm(a).MatMul(F.Expm(-a));
        var expected = new double[4, 4];
        for (int i = 0; i < 4; i++) expected[i, i] = 1;
        AssertMatrix(expected, product, 1e-4);
    }

    [Fact]
    public void BatchedEqualsOneByOne()
    {
        var batch = GradCheck.Random(4, 2, 3, 3, 3);
        var all = F.Expm(batch).ToArray();
        var second = F.Expm(batch.Select(0, 1).Select(0, 2)).ToArray();
        var offset = (1 * 3 + 2) * 9;
        for (int i = 0; i < 9; i++) Assert.Equal(second[i], all[offset + i]);
    }

    [Fact]
    public void GradientOfTraceIsExpTransposed()
    {
        // d tr(exp(M)) / dM = exp(M)^T.
        var m = GradCheck.Random(5, 3, 3);
        m.RequiresGrad = true;
        var e = F.Expm(m);
        (e * Tensor.Eye(3)).Sum().Backward();
        var grad = m.Grad!;
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++) Assert.Equal(e[j, i], grad[i, j], 4);
    }

    [Theory]
    [InlineData(6, 0.05f)]   // low Padé degree
    [InlineData(6, 1.5f)]    // degree 13 with squaring
    [InlineData(140, 0.3f)]  // large enough for the parallel products
    public void FastBackwardMatchesDifferentiableBlockExpm(int n, float scale)
    {
        // The plain backward uses the block-triangular Fréchet routine; with createGraph the gradient is the upper-right
        // block of a full 2n x 2n expm (Najfeld and Havel). Both must give L(M^T, G).
        var m = GradCheck.Random(11, n, n) * scale;
        m.RequiresGrad = true;
        var g = GradCheck.Random(12, n, n);
        var fast = Grad.Of(F.Expm(m), [m], g)[0].ToArray();
        var block = Grad.Of(F.Expm(m), [m], g, createGraph: true)[0].ToArray();
        double maxAbs = 0;
        foreach (float v in block) maxAbs = Math.Max(maxAbs, Math.Abs(v));
        for (int i = 0; i < fast.Length; i++) Assert.True(Math.Abs(fast[i] - block[i]) <= 1e-5 * Math.Max(1, maxAbs), $"entry {i}: {fast[i]} vs {block[i]}");
    }

    [Fact]
    public void RejectsNonSquare() =>
        Assert.Contains("[2, 3]", Assert.Throws<ArgumentException>(() => F.Expm(Tensor.Zeros(2, 3))).Message);

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(8)]
    [InlineData(13)]
    [InlineData(96)]
    [InlineData(130)] // the row-parallel path
    public void BlockedProductMatchesTheNaiveSumBitForBit(int n)
    {
        // The expm products accumulate each entry in ascending k with a separate multiply and add; the register-blocked
        // kernel must not change a single bit (cached Koopman studies depend on it).
        var rng = new Random(n);
        double[] Random() => Enumerable.Range(0, n * n).Select(_ => rng.NextDouble() - 0.5).ToArray();
        double[] a = Random(), b = Random(), c = Random();
        a[0] = 0; // zero entries were skipped by the previous kernel; adding 0 * b must leave the sum unchanged
        var expected = (double[])c.Clone();
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                double sum = expected[i * n + j];
                for (int k = 0; k < n; k++) sum += a[i * n + k] * b[k * n + j];
                expected[i * n + j] = sum;
            }
        var actual = (double[])c.Clone();
        LatentWorkbench.Engine.Ops.MatrixExponential.MatMulAdd(a, b, actual, n);
        Assert.Equal(expected, actual);
    }
}
