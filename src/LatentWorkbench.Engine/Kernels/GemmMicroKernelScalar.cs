using System.Runtime.CompilerServices;

namespace LatentWorkbench.Engine.Kernels;

/// <summary>
/// Portable 4 x 4 micro-kernel for machines without usable 256/512-bit SIMD; same contract as the vector kernels.
/// </summary>
internal static class GemmMicroKernelScalar
{
    /// <summary>4 x 4 tile: C = alpha * Ap Bp + beta * C (beta 0 never reads C).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static unsafe void Kernel4x4(int kc, float* ap, float* bp, int bStride, float* c, int ldc, float alpha, float beta)
    {
        float* acc = stackalloc float[16];
        for (int i = 0; i < 16; i++) acc[i] = 0f;
        for (int p = 0; p < kc; p++)
        {
            for (int r = 0; r < 4; r++)
            {
                float av = ap[r];
                acc[r * 4 + 0] += av * bp[0];
                acc[r * 4 + 1] += av * bp[1];
                acc[r * 4 + 2] += av * bp[2];
                acc[r * 4 + 3] += av * bp[3];
            }
            ap += 4;
            bp += bStride;
        }
        for (int r = 0; r < 4; r++)
        {
            for (int j = 0; j < 4; j++)
            {
                float v = alpha * acc[r * 4 + j];
                c[r * ldc + j] = beta == 0f ? v : v + beta * c[r * ldc + j];
            }
        }
    }
}
