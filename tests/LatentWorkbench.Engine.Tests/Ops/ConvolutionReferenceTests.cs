using LatentWorkbench.Engine.NN;

namespace LatentWorkbench.Engine.Tests.Ops;

/// <summary>Convolutions against direct loops, the adjoint identity and PyTorch's shape rules.</summary>
public class ConvolutionReferenceTests
{
    private static Tensor R(ulong seed, params int[] shape) => GradCheck.Random(seed, shape);

    /// <summary>Direct cross-correlation in double: y[n,o,i,j] = b[o] + sum x[n,c,i*s-p+ki*d, j*s-p+kj*d] w[o,c,ki,kj].</summary>
    private static double[] NaiveConv(Tensor x, Tensor w, Tensor? b, int sh, int sw, int ph, int pw, int dh, int dw, out int oh, out int ow)
    {
        int n = x.Size(0), c = x.Size(1), h = x.Size(2), wd = x.Size(3), o = w.Size(0), kh = w.Size(2), kw = w.Size(3);
        oh = (h + 2 * ph - dh * (kh - 1) - 1) / sh + 1;
        ow = (wd + 2 * pw - dw * (kw - 1) - 1) / sw + 1;
        var y = new double[n * o * oh * ow];
        for (int ni = 0; ni < n; ni++)
            for (int oc = 0; oc < o; oc++)
                for (int i = 0; i < oh; i++)
                    for (int j = 0; j < ow; j++)
                    {
                        double sum = b is null ? 0 : b[oc];
                        for (int ci = 0; ci < c; ci++)
                            for (int ki = 0; ki < kh; ki++)
                                for (int kj = 0; kj < kw; kj++)
                                {
                                    int ih = i * sh - ph + ki * dh, iw = j * sw - pw + kj * dw;
                                    if (ih < 0 || ih >= h || iw < 0 || iw >= wd) continue;
                                    sum += (double)x[ni, ci, ih, iw] * w[oc, ci, ki, kj];
                                }
                        y[((ni * o + oc) * oh + i) * ow + j] = sum;
                    }
        return y;
    }

    /// <summary>Direct transposed convolution by scattering: y[n,o,i*s-p+ki*d, ...] += x[n,c,i,j] w[c,o,ki,kj].</summary>
    private static double[] NaiveConvTranspose(Tensor x, Tensor w, Tensor? b, int s, int p, int op, int d, out int oh, out int ow)
    {
        int n = x.Size(0), c = x.Size(1), h = x.Size(2), wd = x.Size(3), o = w.Size(1), kh = w.Size(2), kw = w.Size(3);
        oh = (h - 1) * s - 2 * p + d * (kh - 1) + op + 1;
        ow = (wd - 1) * s - 2 * p + d * (kw - 1) + op + 1;
        var y = new double[n * o * oh * ow];
        for (int ni = 0; ni < n; ni++)
            for (int oc = 0; oc < o; oc++)
                for (int k = 0; k < oh * ow; k++) y[(ni * o + oc) * oh * ow + k] = b is null ? 0 : b[oc];
        for (int ni = 0; ni < n; ni++)
            for (int ci = 0; ci < c; ci++)
                for (int i = 0; i < h; i++)
                    for (int j = 0; j < wd; j++)
                        for (int oc = 0; oc < o; oc++)
                            for (int ki = 0; ki < kh; ki++)
                                for (int kj = 0; kj < kw; kj++)
                                {
                                    int yi = i * s - p + ki * d, yj = j * s - p + kj * d;
                                    if (yi < 0 || yi >= oh || yj < 0 || yj >= ow) continue;
                                    y[((ni * o + oc) * oh + yi) * ow + yj] += (double)x[ni, ci, i, j] * w[ci, oc, ki, kj];
                                }
        return y;
    }

    private static void AssertClose(double[] expected, Tensor actual, double tol = 1e-4)
    {
        var a = actual.ToArray();
        Assert.Equal(expected.Length, a.Length);
        for (int i = 0; i < a.Length; i++)
            Assert.True(Math.Abs(expected[i] - a[i]) <= tol * Math.Max(1, Math.Abs(expected[i])), $"element {i}: expected {expected[i]:G6}, got {a[i]:G6}");
    }

    [Theory]
    [InlineData(1, 1, 0, 0, 1, 1)]
    [InlineData(2, 2, 1, 1, 1, 1)]
    [InlineData(1, 2, 2, 0, 1, 1)]
    [InlineData(2, 1, 0, 1, 2, 1)]
    [InlineData(3, 3, 1, 2, 1, 2)]
    public void Conv2dMatchesDirectLoop(int sh, int sw, int ph, int pw, int dh, int dw)
    {
        var x = R(1, 2, 3, 9, 8);
        var w = R(2, 4, 3, 3, 2);
        var b = R(3, 4);
        var expected = NaiveConv(x, w, b, sh, sw, ph, pw, dh, dw, out int oh, out int ow);
        var y = F.Conv2d(x, w, b, (sh, sw), (ph, pw), (dh, dw));
        Assert.Equal([2, 4, oh, ow], y.Shape);
        AssertClose(expected, y);
    }

    [Fact]
    public void Conv2dPointwiseMatchesDirectLoop()
    {
        var x = R(1, 3, 5, 4, 6);
        var w = R(2, 7, 5, 1, 1);
        AssertClose(NaiveConv(x, w, null, 1, 1, 0, 0, 1, 1, out _, out _), F.Conv2d(x, w));
    }

    [Fact]
    public void BatchSplitIntoSeveralGemmChunks()
    {
        // 144 x 1024 columns per image: the column budget holds 14 images, so 20 images take a full and a partial chunk.
        var x = R(1, 20, 16, 32, 32);
        var w = R(2, 3, 16, 3, 3);
        AssertClose(NaiveConv(x, w, null, 1, 1, 1, 1, 1, 1, out _, out _), F.Conv2d(x, w, null, 1, 1));
        var y = R(3, 20, 3, 32, 32);
        var cx = F.Conv2d(x, w, null, 1, 1);
        var ty = F.ConvTranspose2d(y, w, null, 1, 1);
        double left = Dot(cx, y), right = Dot(x, ty);
        Assert.True(Math.Abs(left - right) <= 1e-4 * Math.Abs(left), $"<conv(x), y> = {left} but <x, convT(y)> = {right}");
        // Weight gradient of <conv(x, w), y> is sum_n y[n] im2col(x[n])^T; compare one entry with a direct sum.
        var wg = w.Detach();
        wg.RequiresGrad = true;
        (F.Conv2d(x, wg, null, 1, 1) * y).Sum().Backward();
        double direct = 0;
        for (int n = 0; n < 20; n++)
            for (int i = 0; i < 32; i++)
                for (int j = 0; j < 32; j++)
                {
                    int ih = i - 1 + 2, iw = j - 1 + 0;
                    if (ih < 32 && iw >= 0) direct += (double)y[n, 1, i, j] * x[n, 5, ih, iw];
                }
        Assert.Equal(direct, wg.Grad![1, 5, 2, 0], 2);
    }

    [Fact]
    public void Conv2dNonContiguousInput()
    {
        var x = R(1, 2, 3, 6, 5).Permute(0, 1, 3, 2);
        var w = R(2, 2, 3, 3, 3);
        AssertClose(NaiveConv(x.Contiguous(), w, null, 1, 1, 1, 1, 1, 1, out _, out _), F.Conv2d(x, w, null, 1, 1));
    }

    [Theory]
    [InlineData(1, 0, 0, 1)]
    [InlineData(2, 1, 1, 1)]
    [InlineData(2, 0, 1, 1)]
    [InlineData(3, 1, 2, 1)]
    [InlineData(2, 2, 0, 2)]
    public void ConvTranspose2dMatchesDirectScatter(int stride, int padding, int outputPadding, int dilation)
    {
        var x = R(1, 2, 3, 4, 5);
        var w = R(2, 3, 2, 3, 3);
        var b = R(3, 2);
        var expected = NaiveConvTranspose(x, w, b, stride, padding, outputPadding, dilation, out int oh, out int ow);
        var y = F.ConvTranspose2d(x, w, b, stride, padding, outputPadding, dilation);
        Assert.Equal([2, 2, oh, ow], y.Shape);
        AssertClose(expected, y);
    }

    [Theory]
    [InlineData(7, 2, 1, 0)]
    [InlineData(8, 2, 1, 1)]
    [InlineData(6, 1, 0, 0)]
    [InlineData(9, 3, 2, 1)]
    public void ConvTransposeIsTheAdjointOfConv(int size, int stride, int padding, int outputPadding)
    {
        // <conv(x), y> = <x, conv_transpose(y)> with the same weight, stride and padding.
        var x = R(1, 2, 3, size, size);
        var w = R(2, 4, 3, 3, 3);
        var cx = F.Conv2d(x, w, null, stride, padding);
        var y = R(3, [.. cx.Shape]);
        var ty = F.ConvTranspose2d(y, w, null, stride, padding, outputPadding);
        Assert.Equal(x.Shape, ty.Shape);
        double left = Dot(cx, y), right = Dot(x, ty);
        Assert.True(Math.Abs(left - right) <= 1e-4 * Math.Max(1, Math.Abs(left)), $"<conv(x), y> = {left} but <x, convT(y)> = {right}");
    }

    private static double Dot(Tensor a, Tensor b)
    {
        var x = a.ToArray();
        var y = b.ToArray();
        double s = 0;
        for (int i = 0; i < x.Length; i++) s += (double)x[i] * y[i];
        return s;
    }

    [Fact]
    public void LinearMatchesMatMulPlusBias()
    {
        var x = R(1, 2, 5, 7);
        var w = R(2, 3, 7);
        var b = R(3, 3);
        var expected = (x.MatMul(w.T) + b).ToArray();
        var y = F.Linear(x, w, b);
        Assert.Equal([2, 5, 3], y.Shape);
        var actual = y.ToArray();
        for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], actual[i], 4);
    }

    [Fact]
    public void ShapeErrorsNameBothShapes()
    {
        var ex = Assert.Throws<ArgumentException>(() => F.Conv2d(R(1, 2, 3, 8, 8), R(2, 4, 5, 3, 3)));
        Assert.Contains("[2, 3, 8, 8]", ex.Message);
        Assert.Contains("[4, 5, 3, 3]", ex.Message);
        var lin = Assert.Throws<ArgumentException>(() => F.Linear(R(1, 4, 6), R(2, 3, 5)));
        Assert.Contains("[4, 6]", lin.Message);
        Assert.Contains("[3, 5]", lin.Message);
        Assert.Throws<NotSupportedException>(() => F.Conv2d(R(1, 1, 4, 5, 5), R(2, 4, 2, 3, 3), groups: 2));
        Assert.Throws<ArgumentException>(() => F.ConvTranspose2d(R(1, 1, 2, 3, 3), R(2, 2, 2, 3, 3), stride: 2, outputPadding: 2));
    }
}
