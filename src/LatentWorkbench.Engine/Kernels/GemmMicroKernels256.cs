using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace LatentWorkbench.Engine.Kernels;

/// <summary>
/// AVX2/FMA register-tiled micro-kernels: 6 rows of C times 1 or 2 vectors of 8 columns
/// (12 accumulators, so the tile fits the 16 ymm registers with room for B and the broadcast).
/// </summary>
internal static class GemmMicroKernels256
{
    /// <summary>6 x 8 tile: C = alpha * Ap Bp + beta * C (beta 0 never reads C).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static unsafe void Kernel6x1(int kc, float* ap, float* bp, int bStride, float* c, int ldc, float alpha, float beta)
    {
        Vector256<float> c00 = default;
        Vector256<float> c10 = default;
        Vector256<float> c20 = default;
        Vector256<float> c30 = default;
        Vector256<float> c40 = default;
        Vector256<float> c50 = default;
        for (int p = 0; p < kc; p++)
        {
            Vector256<float> b0 = Vector256.Load(bp + 0);
            Vector256<float> a0 = Vector256.Create(ap[0]);
            c00 = Vector256.FusedMultiplyAdd(a0, b0, c00);
            Vector256<float> a1 = Vector256.Create(ap[1]);
            c10 = Vector256.FusedMultiplyAdd(a1, b0, c10);
            Vector256<float> a2 = Vector256.Create(ap[2]);
            c20 = Vector256.FusedMultiplyAdd(a2, b0, c20);
            Vector256<float> a3 = Vector256.Create(ap[3]);
            c30 = Vector256.FusedMultiplyAdd(a3, b0, c30);
            Vector256<float> a4 = Vector256.Create(ap[4]);
            c40 = Vector256.FusedMultiplyAdd(a4, b0, c40);
            Vector256<float> a5 = Vector256.Create(ap[5]);
            c50 = Vector256.FusedMultiplyAdd(a5, b0, c50);
            ap += 6;
            bp += bStride;
        }
        Vector256<float> va = Vector256.Create(alpha);
        Vector256<float> vb = Vector256.Create(beta);
        int mode = StoreMode(beta);
        Put(c + 0 * ldc + 0, c00, va, vb, mode);
        Put(c + 1 * ldc + 0, c10, va, vb, mode);
        Put(c + 2 * ldc + 0, c20, va, vb, mode);
        Put(c + 3 * ldc + 0, c30, va, vb, mode);
        Put(c + 4 * ldc + 0, c40, va, vb, mode);
        Put(c + 5 * ldc + 0, c50, va, vb, mode);
    }

    /// <summary>6 x 16 tile: C = alpha * Ap Bp + beta * C (beta 0 never reads C).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static unsafe void Kernel6x2(int kc, float* ap, float* bp, int bStride, float* c, int ldc, float alpha, float beta)
    {
        Vector256<float> c00 = default; Vector256<float> c01 = default;
        Vector256<float> c10 = default; Vector256<float> c11 = default;
        Vector256<float> c20 = default; Vector256<float> c21 = default;
        Vector256<float> c30 = default; Vector256<float> c31 = default;
        Vector256<float> c40 = default; Vector256<float> c41 = default;
        Vector256<float> c50 = default; Vector256<float> c51 = default;
        for (int p = 0; p < kc; p++)
        {
            Vector256<float> b0 = Vector256.Load(bp + 0);
            Vector256<float> b1 = Vector256.Load(bp + 8);
            Vector256<float> a0 = Vector256.Create(ap[0]);
            c00 = Vector256.FusedMultiplyAdd(a0, b0, c00); c01 = Vector256.FusedMultiplyAdd(a0, b1, c01);
            Vector256<float> a1 = Vector256.Create(ap[1]);
            c10 = Vector256.FusedMultiplyAdd(a1, b0, c10); c11 = Vector256.FusedMultiplyAdd(a1, b1, c11);
            Vector256<float> a2 = Vector256.Create(ap[2]);
            c20 = Vector256.FusedMultiplyAdd(a2, b0, c20); c21 = Vector256.FusedMultiplyAdd(a2, b1, c21);
            Vector256<float> a3 = Vector256.Create(ap[3]);
            c30 = Vector256.FusedMultiplyAdd(a3, b0, c30); c31 = Vector256.FusedMultiplyAdd(a3, b1, c31);
            Vector256<float> a4 = Vector256.Create(ap[4]);
            c40 = Vector256.FusedMultiplyAdd(a4, b0, c40); c41 = Vector256.FusedMultiplyAdd(a4, b1, c41);
            Vector256<float> a5 = Vector256.Create(ap[5]);
            c50 = Vector256.FusedMultiplyAdd(a5, b0, c50); c51 = Vector256.FusedMultiplyAdd(a5, b1, c51);
            ap += 6;
            bp += bStride;
        }
        Vector256<float> va = Vector256.Create(alpha);
        Vector256<float> vb = Vector256.Create(beta);
        int mode = StoreMode(beta);
        Put(c + 0 * ldc + 0, c00, va, vb, mode); Put(c + 0 * ldc + 8, c01, va, vb, mode);
        Put(c + 1 * ldc + 0, c10, va, vb, mode); Put(c + 1 * ldc + 8, c11, va, vb, mode);
        Put(c + 2 * ldc + 0, c20, va, vb, mode); Put(c + 2 * ldc + 8, c21, va, vb, mode);
        Put(c + 3 * ldc + 0, c30, va, vb, mode); Put(c + 3 * ldc + 8, c31, va, vb, mode);
        Put(c + 4 * ldc + 0, c40, va, vb, mode); Put(c + 4 * ldc + 8, c41, va, vb, mode);
        Put(c + 5 * ldc + 0, c50, va, vb, mode); Put(c + 5 * ldc + 8, c51, va, vb, mode);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int StoreMode(float beta) => beta == 0f ? 0 : beta == 1f ? 1 : 2;

    // Mode 0 never loads C, so NaN garbage in an output buffer is overwritten when beta is 0.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void Put(float* dst, Vector256<float> acc, Vector256<float> alpha, Vector256<float> beta, int mode)
    {
        if (mode == 0) Vector256.Store(acc * alpha, dst);
        else if (mode == 1) Vector256.Store(Vector256.FusedMultiplyAdd(acc, alpha, Vector256.Load(dst)), dst);
        else Vector256.Store(Vector256.FusedMultiplyAdd(acc, alpha, Vector256.Load(dst) * beta), dst);
    }
}
