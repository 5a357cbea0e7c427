using System.Buffers;
using System.Numerics.Tensors;

namespace LatentWorkbench.Engine.Ops;

/// <summary>
/// How a row of a normalised [rows, length] buffer maps onto per-channel affine parameters: the row is a run of
/// blocks of <see cref="BlockLength"/> elements, block k of row r belonging to channel (r mod Groups) * BlocksPerRow + k.
/// Layer norm is (1, length, 1); group norm over [N, C, S] viewed as [N*G, C/G*S] is (S, C/G, G).
/// </summary>
internal readonly record struct ChannelLayout(int BlockLength, int BlocksPerRow, int Groups)
{
    public int Channel(int row, int block) => (row % Groups) * BlocksPerRow + block;
}

/// <summary>Fused normalisation kernels: statistics, affine transform and the closed-form backward pass.</summary>
internal static class Normalization
{
    /// <summary>Normalises each row of x to zero mean and unit (biased) variance; writes xhat and 1/sqrt(var + eps) per row.</summary>
    public static void NormalizeRows(ReadOnlySpan<float> x, int rows, int length, float eps, Span<float> xhat, Span<float> invStd)
    {
        for (int r = 0; r < rows; r++)
        {
            var src = x.Slice(r * length, length);
            var dst = xhat.Slice(r * length, length);
            float mean = TensorPrimitives.Sum(src) / length;
            TensorPrimitives.Subtract(src, mean, dst);
            float variance = TensorPrimitives.SumOfSquares(dst) / length;
            float inv = 1f / MathF.Sqrt(variance + eps);
            TensorPrimitives.Multiply(dst, inv, dst);
            invStd[r] = inv;
        }
    }

    /// <summary>y = xhat * weight[channel] + bias[channel] (either may be empty, meaning 1 and 0).</summary>
    public static void Affine(ReadOnlySpan<float> xhat, int rows, int length, ChannelLayout layout, ReadOnlySpan<float> weight, ReadOnlySpan<float> bias, Span<float> y)
    {
        for (int r = 0; r < rows; r++)
            for (int k = 0; k < layout.BlocksPerRow; k++)
            {
                int ch = layout.Channel(r, k), start = r * length + k * layout.BlockLength;
                var src = xhat.Slice(start, layout.BlockLength);
                var dst = y.Slice(start, layout.BlockLength);
                float w = weight.IsEmpty ? 1f : weight[ch], b = bias.IsEmpty ? 0f : bias[ch];
                TensorPrimitives.Multiply(src, w, dst);
                if (b != 0f) TensorPrimitives.Add(dst, b, dst);
            }
    }

    /// <summary>
    /// Closed-form backward of y = affine(normalise_rows(x)): dx = invstd * (dxhat - mean(dxhat) - xhat * mean(dxhat * xhat))
    /// with dxhat = g * weight; accumulates dweight = sum g * xhat and dbias = sum g (when their spans are non-empty, after clearing).
    /// </summary>
    public static void BackwardRows(ReadOnlySpan<float> g, ReadOnlySpan<float> xhat, ReadOnlySpan<float> invStd, int rows, int length,
        ChannelLayout layout, ReadOnlySpan<float> weight, Span<float> dx, Span<float> dWeight, Span<float> dBias)
    {
        dWeight.Clear();
        dBias.Clear();
        var rented = ArrayPool<float>.Shared.Rent(length);
        try
        {
            var dxhat = rented.AsSpan(0, length);
            for (int r = 0; r < rows; r++)
            {
                var gr = g.Slice(r * length, length);
                var xr = xhat.Slice(r * length, length);
                for (int k = 0; k < layout.BlocksPerRow; k++)
                {
                    int ch = layout.Channel(r, k), start = k * layout.BlockLength;
                    var gb = gr.Slice(start, layout.BlockLength);
                    var xb = xr.Slice(start, layout.BlockLength);
                    if (!dWeight.IsEmpty) dWeight[ch] += TensorPrimitives.Dot(gb, xb);
                    if (!dBias.IsEmpty) dBias[ch] += TensorPrimitives.Sum(gb);
                    TensorPrimitives.Multiply(gb, weight.IsEmpty ? 1f : weight[ch], dxhat.Slice(start, layout.BlockLength));
                }
                if (dx.IsEmpty) continue;
                float meanD = TensorPrimitives.Sum(dxhat) / length;
                float meanDx = TensorPrimitives.Dot(dxhat, xr) / length;
                var dxr = dx.Slice(r * length, length);
                // dx = inv * (dxhat - meanD - xhat * meanDx)
                TensorPrimitives.MultiplyAdd(xr, -meanDx, dxhat, dxr);
                TensorPrimitives.Add(dxr, -meanD, dxr);
                TensorPrimitives.Multiply(dxr, invStd[r], dxr);
            }
        }
        finally { ArrayPool<float>.Shared.Return(rented); }
    }

    /// <summary>
    /// Batch statistics of x [N, C, S] per channel: mean and biased variance over N and S, accumulated in double.
    /// </summary>
    public static void ChannelStats(ReadOnlySpan<float> x, int n, int c, int s, Span<double> mean, Span<double> variance)
    {
        double count = (double)n * s;
        for (int ch = 0; ch < c; ch++)
        {
            double sum = 0;
            for (int i = 0; i < n; i++) sum += TensorPrimitives.Sum(x.Slice((i * c + ch) * s, s));
            double m = sum / count;
            double sq = 0;
            for (int i = 0; i < n; i++)
            {
                var seg = x.Slice((i * c + ch) * s, s);
                for (int j = 0; j < seg.Length; j++) { double d = seg[j] - m; sq += d * d; }
            }
            mean[ch] = m;
            variance[ch] = sq / count;
        }
    }

    /// <summary>xhat = (x - mean[c]) * invStd[c] and y = xhat * weight[c] + bias[c] over [N, C, S].</summary>
    public static void ChannelNormalize(ReadOnlySpan<float> x, int n, int c, int s, ReadOnlySpan<float> mean, ReadOnlySpan<float> invStd,
        ReadOnlySpan<float> weight, ReadOnlySpan<float> bias, Span<float> xhat, Span<float> y)
    {
        for (int i = 0; i < n; i++)
            for (int ch = 0; ch < c; ch++)
            {
                int start = (i * c + ch) * s;
                var xs = xhat.Slice(start, s);
                TensorPrimitives.Subtract(x.Slice(start, s), mean[ch], xs);
                TensorPrimitives.Multiply(xs, invStd[ch], xs);
                var ys = y.Slice(start, s);
                TensorPrimitives.Multiply(xs, weight.IsEmpty ? 1f : weight[ch], ys);
                if (!bias.IsEmpty) TensorPrimitives.Add(ys, bias[ch], ys);
            }
    }

    /// <summary>
    /// Backward of batch norm over [N, C, S]. Training (batch statistics): dx = w * invstd / M * (M g - sum g - xhat sum(g xhat)).
    /// Evaluation (fixed statistics): dx = w * invstd * g. Also dweight = sum g xhat and dbias = sum g (cleared first; empty spans skip).
    /// </summary>
    public static void ChannelBackward(ReadOnlySpan<float> g, ReadOnlySpan<float> xhat, int n, int c, int s, ReadOnlySpan<float> invStd,
        ReadOnlySpan<float> weight, bool batchStats, Span<float> dx, Span<float> dWeight, Span<float> dBias)
    {
        float count = (float)n * s;
        for (int ch = 0; ch < c; ch++)
        {
            double sumG = 0, sumGx = 0;
            for (int i = 0; i < n; i++)
            {
                int start = (i * c + ch) * s;
                sumG += TensorPrimitives.Sum(g.Slice(start, s));
                sumGx += TensorPrimitives.Dot(g.Slice(start, s), xhat.Slice(start, s));
            }
            if (!dWeight.IsEmpty) dWeight[ch] = (float)sumGx;
            if (!dBias.IsEmpty) dBias[ch] = (float)sumG;
            if (dx.IsEmpty) continue;
            float scale = (weight.IsEmpty ? 1f : weight[ch]) * invStd[ch];
            float meanG = batchStats ? (float)(sumG / count) : 0f, meanGx = batchStats ? (float)(sumGx / count) : 0f;
            for (int i = 0; i < n; i++)
            {
                int start = (i * c + ch) * s;
                var d = dx.Slice(start, s);
                // dx = scale * (g - meanG - xhat * meanGx)
                TensorPrimitives.MultiplyAdd(xhat.Slice(start, s), -meanGx, g.Slice(start, s), d);
                TensorPrimitives.Add(d, -meanG, d);
                TensorPrimitives.Multiply(d, scale, d);
            }
        }
    }
}
