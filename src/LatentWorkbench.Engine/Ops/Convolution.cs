using System.Buffers;
using System.Numerics.Tensors;
using LatentWorkbench.Engine.Kernels;

namespace LatentWorkbench.Engine.Ops;

/// <summary>
/// The three linear maps of a 2-D convolution, each as im2col/col2im plus GEMM: the convolution itself
/// (image -> features), its adjoint (features -> image, i.e. the transposed convolution) and the weight gradient
/// (image x features -> weight). Every convolution gradient is one of these. Images are processed in chunks laid
/// side by side in one pooled column buffer, so each chunk is a single large GEMM (many small GEMMs are several
/// times slower). Buffers are contiguous; weight is [OutC, InC, Kh, Kw].
/// </summary>
internal static class Convolution
{
    /// <summary>Upper bound on the column buffer (floats) that decides how many images share one GEMM.</summary>
    private const int ColumnBudget = 1 << 21;

    private static int ChunkSize(in ConvGeometry g) =>
        Math.Clamp(ColumnBudget / Math.Max(g.ColRows * g.ColCols, 1), 1, Math.Max(g.N, 1));

    /// <summary>features[n] = W[OutC, InC*Kh*Kw] @ im2col(image[n]).</summary>
    public static void Forward(in ConvGeometry g, ReadOnlySpan<float> image, ReadOnlySpan<float> weight, Span<float> features)
    {
        int rows = g.ColRows, cols = g.ColCols, chunk = ChunkSize(g);
        var colBuffer = ArrayPool<float>.Shared.Rent(rows * cols * chunk);
        var outBuffer = chunk > 1 ? ArrayPool<float>.Shared.Rent(g.OutC * cols * chunk) : null;
        try
        {
            for (int n0 = 0; n0 < g.N; n0 += chunk)
            {
                int nb = Math.Min(chunk, g.N - n0), ld = nb * cols;
                var col = colBuffer.AsSpan(0, rows * ld);
                for (int i = 0; i < nb; i++) Im2Col.Unfold(g, image.Slice((n0 + i) * g.InPlane, g.InPlane), col[(i * cols)..], ld);
                if (nb == 1)
                {
                    Gemm.Sgemm(false, false, g.OutC, cols, rows, 1f, weight, rows, col, ld, 0f, features.Slice(n0 * g.OutPlane, g.OutPlane), cols);
                    continue;
                }
                var wide = outBuffer.AsSpan(0, g.OutC * ld);
                Gemm.Sgemm(false, false, g.OutC, ld, rows, 1f, weight, rows, col, ld, 0f, wide, ld);
                Scatter(wide, g.OutC, cols, nb, features.Slice(n0 * g.OutPlane, nb * g.OutPlane));
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(colBuffer);
            if (outBuffer is not null) ArrayPool<float>.Shared.Return(outBuffer);
        }
    }

    /// <summary>image[n] = col2im(W^T @ features[n]); overwrites <paramref name="image"/>.</summary>
    public static void Adjoint(in ConvGeometry g, ReadOnlySpan<float> features, ReadOnlySpan<float> weight, Span<float> image)
    {
        int rows = g.ColRows, cols = g.ColCols, chunk = ChunkSize(g);
        image.Clear();
        var colBuffer = ArrayPool<float>.Shared.Rent(rows * cols * chunk);
        var inBuffer = chunk > 1 ? ArrayPool<float>.Shared.Rent(g.OutC * cols * chunk) : null;
        try
        {
            for (int n0 = 0; n0 < g.N; n0 += chunk)
            {
                int nb = Math.Min(chunk, g.N - n0), ld = nb * cols;
                var col = colBuffer.AsSpan(0, rows * ld);
                ReadOnlySpan<float> wide = nb == 1 ? features.Slice(n0 * g.OutPlane, g.OutPlane) : Gather(features.Slice(n0 * g.OutPlane, nb * g.OutPlane), g.OutC, cols, nb, inBuffer!);
                Gemm.Sgemm(true, false, rows, ld, g.OutC, 1f, weight, rows, wide, ld, 0f, col, ld);
                for (int i = 0; i < nb; i++) Im2Col.FoldAdd(g, col[(i * cols)..], ld, image.Slice((n0 + i) * g.InPlane, g.InPlane));
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(colBuffer);
            if (inBuffer is not null) ArrayPool<float>.Shared.Return(inBuffer);
        }
    }

    /// <summary>weight = sum over n of features[n] @ im2col(image[n])^T; overwrites <paramref name="weight"/>.</summary>
    public static void WeightGrad(in ConvGeometry g, ReadOnlySpan<float> image, ReadOnlySpan<float> features, Span<float> weight)
    {
        int rows = g.ColRows, cols = g.ColCols, chunk = ChunkSize(g);
        weight.Clear();
        var colBuffer = ArrayPool<float>.Shared.Rent(rows * cols * chunk);
        var inBuffer = chunk > 1 ? ArrayPool<float>.Shared.Rent(g.OutC * cols * chunk) : null;
        try
        {
            for (int n0 = 0; n0 < g.N; n0 += chunk)
            {
                int nb = Math.Min(chunk, g.N - n0), ld = nb * cols;
                var col = colBuffer.AsSpan(0, rows * ld);
                for (int i = 0; i < nb; i++) Im2Col.Unfold(g, image.Slice((n0 + i) * g.InPlane, g.InPlane), col[(i * cols)..], ld);
                ReadOnlySpan<float> wide = nb == 1 ? features.Slice(n0 * g.OutPlane, g.OutPlane) : Gather(features.Slice(n0 * g.OutPlane, nb * g.OutPlane), g.OutC, cols, nb, inBuffer!);
                Gemm.Sgemm(false, true, g.OutC, rows, ld, 1f, wide, ld, col, ld, 1f, weight, rows);
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(colBuffer);
            if (inBuffer is not null) ArrayPool<float>.Shared.Return(inBuffer);
        }
    }

    /// <summary>[C, nb*L] (images side by side) -> [nb, C, L].</summary>
    private static void Scatter(ReadOnlySpan<float> wide, int channels, int length, int nb, Span<float> batch)
    {
        int ld = nb * length;
        for (int i = 0; i < nb; i++)
            for (int c = 0; c < channels; c++)
                wide.Slice(c * ld + i * length, length).CopyTo(batch.Slice((i * channels + c) * length, length));
    }

    /// <summary>[nb, C, L] -> [C, nb*L] in <paramref name="buffer"/>.</summary>
    private static ReadOnlySpan<float> Gather(ReadOnlySpan<float> batch, int channels, int length, int nb, float[] buffer)
    {
        int ld = nb * length;
        var wide = buffer.AsSpan(0, channels * ld);
        for (int i = 0; i < nb; i++)
            for (int c = 0; c < channels; c++)
                batch.Slice((i * channels + c) * length, length).CopyTo(wide.Slice(c * ld + i * length, length));
        return wide;
    }

    /// <summary>Adds bias[ch] to every element of channel ch of a [N, C, plane] buffer.</summary>
    public static void AddChannelBias(Span<float> x, ReadOnlySpan<float> bias, int n, int c, int plane)
    {
        for (int i = 0; i < n; i++)
            for (int ch = 0; ch < c; ch++)
            {
                var s = x.Slice((i * c + ch) * plane, plane);
                TensorPrimitives.Add(s, bias[ch], s);
            }
    }
}
