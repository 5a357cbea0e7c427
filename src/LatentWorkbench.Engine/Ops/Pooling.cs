namespace LatentWorkbench.Engine.Ops;

/// <summary>
/// Rectangular windows of a pooling op over planes of size H x W: rows [RowStart[oh], RowEnd[oh]) and
/// columns [ColStart[ow], ColEnd[ow]) of the (unpadded) input, and the divisor of each output for mean pooling.
/// </summary>
internal sealed class PoolWindows(int h, int w, int[] rowStart, int[] rowEnd, int[] colStart, int[] colEnd, float[] divisor)
{
    public int H { get; } = h;
    public int W { get; } = w;
    public int OutH => RowStart.Length;
    public int OutW => ColStart.Length;
    public int[] RowStart { get; } = rowStart;
    public int[] RowEnd { get; } = rowEnd;
    public int[] ColStart { get; } = colStart;
    public int[] ColEnd { get; } = colEnd;
    public float[] Divisor { get; } = divisor;

    /// <summary>Sliding windows (kernel, stride, padding), clipped to the input; the divisor counts padding when asked (PyTorch's count_include_pad).</summary>
    public static PoolWindows Sliding(int h, int w, int kh, int kw, int sh, int sw, int ph, int pw, bool countIncludePad)
    {
        int oh = (h + 2 * ph - kh) / sh + 1, ow = (w + 2 * pw - kw) / sw + 1;
        var (rs, re) = Ranges(oh, h, kh, sh, ph);
        var (cs, ce) = Ranges(ow, w, kw, sw, pw);
        var div = new float[oh * ow];
        for (int i = 0; i < oh; i++)
            for (int j = 0; j < ow; j++)
                div[i * ow + j] = countIncludePad ? kh * kw : (re[i] - rs[i]) * (ce[j] - cs[j]);
        return new PoolWindows(h, w, rs, re, cs, ce, div);
    }

    /// <summary>Adaptive windows: output i covers [floor(i*H/OH), ceil((i+1)*H/OH)), as in PyTorch.</summary>
    public static PoolWindows Adaptive(int h, int w, int oh, int ow)
    {
        var rs = new int[oh]; var re = new int[oh]; var cs = new int[ow]; var ce = new int[ow];
        for (int i = 0; i < oh; i++) { rs[i] = i * h / oh; re[i] = ((i + 1) * h + oh - 1) / oh; }
        for (int j = 0; j < ow; j++) { cs[j] = j * w / ow; ce[j] = ((j + 1) * w + ow - 1) / ow; }
        var div = new float[oh * ow];
        for (int i = 0; i < oh; i++)
            for (int j = 0; j < ow; j++) div[i * ow + j] = (re[i] - rs[i]) * (ce[j] - cs[j]);
        return new PoolWindows(h, w, rs, re, cs, ce, div);
    }

    private static (int[] start, int[] end) Ranges(int outSize, int size, int kernel, int stride, int pad)
    {
        var start = new int[outSize];
        var end = new int[outSize];
        for (int i = 0; i < outSize; i++)
        {
            int s = i * stride - pad;
            start[i] = Math.Max(s, 0);
            end[i] = Math.Min(s + kernel, size);
        }
        return (start, end);
    }
}

/// <summary>Pooling kernels over contiguous [planes, H, W] buffers.</summary>
internal static class Pooling
{
    /// <summary>Window maxima and, per output, the flat in-plane index (row * W + col) of the maximum (first one on ties).</summary>
    public static void MaxForward(PoolWindows win, int planes, ReadOnlySpan<float> x, Span<float> y, Span<int> argmax)
    {
        int inPlane = win.H * win.W, outPlane = win.OutH * win.OutW;
        for (int p = 0; p < planes; p++)
        {
            var src = x.Slice(p * inPlane, inPlane);
            for (int oh = 0; oh < win.OutH; oh++)
                for (int ow = 0; ow < win.OutW; ow++)
                {
                    float best = float.NegativeInfinity;
                    int bestIndex = win.RowStart[oh] * win.W + win.ColStart[ow];
                    for (int ih = win.RowStart[oh]; ih < win.RowEnd[oh]; ih++)
                        for (int iw = win.ColStart[ow]; iw < win.ColEnd[ow]; iw++)
                        {
                            float v = src[ih * win.W + iw];
                            if (v > best || float.IsNaN(v)) { best = v; bestIndex = ih * win.W + iw; if (float.IsNaN(v)) goto done; }
                        }
                    done:
                    y[p * outPlane + oh * win.OutW + ow] = best;
                    argmax[p * outPlane + oh * win.OutW + ow] = bestIndex;
                }
        }
    }

    /// <summary>dx[plane, argmax] += dy (overwrites dx first).</summary>
    public static void ScatterArgmax(int planes, int inPlane, int outPlane, ReadOnlySpan<int> argmax, ReadOnlySpan<float> dy, Span<float> dx)
    {
        dx.Clear();
        for (int p = 0; p < planes; p++)
            for (int i = 0; i < outPlane; i++)
                dx[p * inPlane + argmax[p * outPlane + i]] += dy[p * outPlane + i];
    }

    /// <summary>y[plane, i] = x[plane, argmax[i]] (the adjoint of <see cref="ScatterArgmax"/>).</summary>
    public static void GatherArgmax(int planes, int inPlane, int outPlane, ReadOnlySpan<int> argmax, ReadOnlySpan<float> x, Span<float> y)
    {
        for (int p = 0; p < planes; p++)
            for (int i = 0; i < outPlane; i++)
                y[p * outPlane + i] = x[p * inPlane + argmax[p * outPlane + i]];
    }

    /// <summary>Window sums divided by the window's divisor.</summary>
    public static void MeanForward(PoolWindows win, int planes, ReadOnlySpan<float> x, Span<float> y)
    {
        int inPlane = win.H * win.W, outPlane = win.OutH * win.OutW;
        for (int p = 0; p < planes; p++)
        {
            var src = x.Slice(p * inPlane, inPlane);
            for (int oh = 0; oh < win.OutH; oh++)
                for (int ow = 0; ow < win.OutW; ow++)
                {
                    float sum = 0f;
                    int c0 = win.ColStart[ow], len = win.ColEnd[ow] - c0;
                    for (int ih = win.RowStart[oh]; ih < win.RowEnd[oh]; ih++)
                        sum += System.Numerics.Tensors.TensorPrimitives.Sum(src.Slice(ih * win.W + c0, len));
                    int o = oh * win.OutW + ow;
                    y[p * outPlane + o] = sum / win.Divisor[o];
                }
        }
    }

    /// <summary>The adjoint of <see cref="MeanForward"/>: each output spreads value / divisor over its window (overwrites dx).</summary>
    public static void MeanAdjoint(PoolWindows win, int planes, ReadOnlySpan<float> dy, Span<float> dx)
    {
        int inPlane = win.H * win.W, outPlane = win.OutH * win.OutW;
        dx.Clear();
        for (int p = 0; p < planes; p++)
        {
            var dst = dx.Slice(p * inPlane, inPlane);
            for (int oh = 0; oh < win.OutH; oh++)
                for (int ow = 0; ow < win.OutW; ow++)
                {
                    int o = oh * win.OutW + ow;
                    float v = dy[p * outPlane + o] / win.Divisor[o];
                    int c0 = win.ColStart[ow], len = win.ColEnd[ow] - c0;
                    for (int ih = win.RowStart[oh]; ih < win.RowEnd[oh]; ih++)
                    {
                        var row = dst.Slice(ih * win.W + c0, len);
                        System.Numerics.Tensors.TensorPrimitives.Add(row, v, row);
                    }
                }
        }
    }
}
