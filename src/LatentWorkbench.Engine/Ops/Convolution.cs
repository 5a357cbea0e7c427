using System.Buffers;
using LatentWorkbench.Engine.Kernels;

namespace LatentWorkbench.Engine.Ops;

/// <summary>
/// The three linear maps of a 2-D convolution, each as im2col/col2im plus one GEMM per image:
/// the convolution itself (image -> features), its adjoint (features -> image, i.e. the transposed
/// convolution) and the weight gradient (image x features -> weight). Every convolution gradient is one of these.
/// Buffers are contiguous; weight is [OutC, InC, Kh, Kw].
/// </summary>
internal static class Convolution
{
    /// <summary>features[n] = W[OutC, InC*Kh*Kw] @ im2col(image[n]).</summary>
    public static void Forward(in ConvGeometry g, ReadOnlySpan<float> image, ReadOnlySpan<float> weight, Span<float> features)
    {
        int rows = g.ColRows, cols = g.ColCols;
        if (g.IsPointwise)
        {
            for (int n = 0; n < g.N; n++)
                Gemm.Sgemm(false, false, g.OutC, cols, rows, 1f, weight, rows, image.Slice(n * g.InPlane, g.InPlane), cols,
                    0f, features.Slice(n * g.OutPlane, g.OutPlane), cols);
            return;
        }
        var buffer = ArrayPool<float>.Shared.Rent(rows * cols);
        try
        {
            var col = buffer.AsSpan(0, rows * cols);
            for (int n = 0; n < g.N; n++)
            {
                Im2Col.Unfold(g, image.Slice(n * g.InPlane, g.InPlane), col);
                Gemm.Sgemm(false, false, g.OutC, cols, rows, 1f, weight, rows, col, cols,
                    0f, features.Slice(n * g.OutPlane, g.OutPlane), cols);
            }
        }
        finally { ArrayPool<float>.Shared.Return(buffer); }
    }

    /// <summary>image[n] = col2im(W^T @ features[n]); overwrites <paramref name="image"/>.</summary>
    public static void Adjoint(in ConvGeometry g, ReadOnlySpan<float> features, ReadOnlySpan<float> weight, Span<float> image)
    {
        int rows = g.ColRows, cols = g.ColCols;
        if (g.IsPointwise)
        {
            for (int n = 0; n < g.N; n++)
                Gemm.Sgemm(true, false, rows, cols, g.OutC, 1f, weight, rows, features.Slice(n * g.OutPlane, g.OutPlane), cols,
                    0f, image.Slice(n * g.InPlane, g.InPlane), cols);
            return;
        }
        var buffer = ArrayPool<float>.Shared.Rent(rows * cols);
        try
        {
            var col = buffer.AsSpan(0, rows * cols);
            image.Clear();
            for (int n = 0; n < g.N; n++)
            {
                Gemm.Sgemm(true, false, rows, cols, g.OutC, 1f, weight, rows, features.Slice(n * g.OutPlane, g.OutPlane), cols,
                    0f, col, cols);
                Im2Col.FoldAdd(g, col, image.Slice(n * g.InPlane, g.InPlane));
            }
        }
        finally { ArrayPool<float>.Shared.Return(buffer); }
    }

    /// <summary>weight = sum over n of features[n] @ im2col(image[n])^T; overwrites <paramref name="weight"/>.</summary>
    public static void WeightGrad(in ConvGeometry g, ReadOnlySpan<float> image, ReadOnlySpan<float> features, Span<float> weight)
    {
        int rows = g.ColRows, cols = g.ColCols;
        weight.Clear();
        if (g.IsPointwise)
        {
            for (int n = 0; n < g.N; n++)
                Gemm.Sgemm(false, true, g.OutC, rows, cols, 1f, features.Slice(n * g.OutPlane, g.OutPlane), cols,
                    image.Slice(n * g.InPlane, g.InPlane), cols, 1f, weight, rows);
            return;
        }
        var buffer = ArrayPool<float>.Shared.Rent(rows * cols);
        try
        {
            var col = buffer.AsSpan(0, rows * cols);
            for (int n = 0; n < g.N; n++)
            {
                Im2Col.Unfold(g, image.Slice(n * g.InPlane, g.InPlane), col);
                Gemm.Sgemm(false, true, g.OutC, rows, cols, 1f, features.Slice(n * g.OutPlane, g.OutPlane), cols,
                    col, cols, 1f, weight, rows);
            }
        }
        finally { ArrayPool<float>.Shared.Return(buffer); }
    }

    /// <summary>Per-channel sums of a [N, C, H, W] buffer (the bias gradient).</summary>
    public static void ChannelSums(ReadOnlySpan<float> x, int n, int c, int plane, Span<float> sums)
    {
        sums.Clear();
        for (int i = 0; i < n; i++)
            for (int ch = 0; ch < c; ch++)
                sums[ch] += System.Numerics.Tensors.TensorPrimitives.Sum(x.Slice((i * c + ch) * plane, plane));
    }

    /// <summary>Adds bias[ch] to every element of channel ch of a [N, C, plane] buffer.</summary>
    public static void AddChannelBias(Span<float> x, ReadOnlySpan<float> bias, int n, int c, int plane)
    {
        for (int i = 0; i < n; i++)
            for (int ch = 0; ch < c; ch++)
            {
                var s = x.Slice((i * c + ch) * plane, plane);
                System.Numerics.Tensors.TensorPrimitives.Add(s, bias[ch], s);
            }
    }
}
