using System.Numerics.Tensors;

namespace LatentWorkbench.Engine.Ops;

/// <summary>
/// Unfolds one image into the im2col matrix [C*kh*kw, OH*OW] and folds such a matrix back (adding overlaps),
/// so convolutions become GEMMs. The matrix may be a column block of a wider one (row stride <c>ld</c>), so that
/// several images sit side by side and share one GEMM.
/// </summary>
internal static class Im2Col
{
    /// <summary>Writes every element of <paramref name="col"/> (zeros where the window hits padding).</summary>
    public static void Unfold(in ConvGeometry g, ReadOnlySpan<float> image, Span<float> col, int ld)
    {
        int outW = g.OutW, outH = g.OutH, cols = g.ColCols;
        for (int c = 0; c < g.InC; c++)
        {
            var plane = image.Slice(c * g.InH * g.InW, g.InH * g.InW);
            for (int ki = 0; ki < g.Kh; ki++)
            {
                for (int kj = 0; kj < g.Kw; kj++)
                {
                    int row = (c * g.Kh + ki) * g.Kw + kj;
                    var dst = col.Slice(row * ld, cols);
                    int colOffset = kj * g.Dw - g.Pw;
                    var (owLo, owHi) = ValidRange(colOffset, g.Sw, g.InW, outW);
                    for (int oh = 0; oh < outH; oh++)
                    {
                        var line = dst.Slice(oh * outW, outW);
                        int ih = oh * g.Sh - g.Ph + ki * g.Dh;
                        if ((uint)ih >= (uint)g.InH || owLo >= owHi) { line.Clear(); continue; }
                        line[..owLo].Clear();
                        line[owHi..].Clear();
                        var src = plane.Slice(ih * g.InW, g.InW);
                        if (g.Sw == 1) src.Slice(owLo + colOffset, owHi - owLo).CopyTo(line[owLo..owHi]);
                        else for (int ow = owLo; ow < owHi; ow++) line[ow] = src[ow * g.Sw + colOffset];
                    }
                }
            }
        }
    }

    /// <summary>Adds the columns of <paramref name="col"/> back into <paramref name="image"/> (the adjoint of <see cref="Unfold"/>).</summary>
    public static void FoldAdd(in ConvGeometry g, ReadOnlySpan<float> col, int ld, Span<float> image)
    {
        int outW = g.OutW, outH = g.OutH, cols = g.ColCols;
        for (int c = 0; c < g.InC; c++)
        {
            var plane = image.Slice(c * g.InH * g.InW, g.InH * g.InW);
            for (int ki = 0; ki < g.Kh; ki++)
            {
                for (int kj = 0; kj < g.Kw; kj++)
                {
                    int row = (c * g.Kh + ki) * g.Kw + kj;
                    var src = col.Slice(row * ld, cols);
                    int colOffset = kj * g.Dw - g.Pw;
                    var (owLo, owHi) = ValidRange(colOffset, g.Sw, g.InW, outW);
                    if (owLo >= owHi) continue;
                    for (int oh = 0; oh < outH; oh++)
                    {
                        int ih = oh * g.Sh - g.Ph + ki * g.Dh;
                        if ((uint)ih >= (uint)g.InH) continue;
                        var line = src.Slice(oh * outW, outW);
                        var dst = plane.Slice(ih * g.InW, g.InW);
                        if (g.Sw == 1)
                        {
                            var target = dst.Slice(owLo + colOffset, owHi - owLo);
                            TensorPrimitives.Add(target, line[owLo..owHi], target);
                        }
                        else for (int ow = owLo; ow < owHi; ow++) dst[ow * g.Sw + colOffset] += line[ow];
                    }
                }
            }
        }
    }

    /// <summary>The output columns [lo, hi) whose input column ow*stride+offset lies inside [0, inW).</summary>
    private static (int lo, int hi) ValidRange(int offset, int stride, int inW, int outW)
    {
        // ow*stride + offset >= 0  <=>  ow >= ceil(-offset / stride)
        int lo = offset >= 0 ? 0 : (-offset + stride - 1) / stride;
        // ow*stride + offset <= inW - 1  <=>  ow <= floor((inW - 1 - offset) / stride)
        int last = inW - 1 - offset;
        int hi = last < 0 ? 0 : last / stride + 1;
        return (Math.Min(lo, outW), Math.Clamp(hi, 0, outW));
    }
}
