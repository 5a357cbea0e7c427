namespace LatentWorkbench.Engine.Kernels;

/// <summary>
/// Single-precision general matrix multiply on row-major buffers:
/// C = alpha * op(A) * op(B) + beta * C, where op(X) is X or X transposed.
/// This is the engine's one seam for matrix products; faster providers plug in here.
/// </summary>
public static class Gemm
{
    /// <summary>Computes C = alpha * op(A) op(B) + beta * C for row-major A (m x k after op), B (k x n after op), C (m x n).</summary>
    public static void Sgemm(bool transA, bool transB, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc)
    {
        // Reference implementation; the engine-speed work replaces it with a packed, blocked kernel.
        for (int i = 0; i < m; i++)
        {
            Span<float> cRow = c.Slice(i * ldc, n);
            if (beta == 0f) cRow.Clear();
            else if (beta != 1f) System.Numerics.Tensors.TensorPrimitives.Multiply(cRow, beta, cRow);
            for (int p = 0; p < k; p++)
            {
                float av = alpha * (transA ? a[p * lda + i] : a[i * lda + p]);
                if (av == 0f) continue;
                if (!transB)
                {
                    System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(b.Slice(p * ldb, n), av, cRow, cRow);
                }
                else
                {
                    for (int j = 0; j < n; j++) cRow[j] += av * b[j * ldb + p];
                }
            }
        }
    }
}
