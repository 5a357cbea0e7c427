using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace LatentWorkbench.Engine.Kernels;

/// <summary>
/// AVX-512 register-tiled micro-kernels: 8 rows of C times 1, 2 or 3 vectors of 16 columns.
/// Each reads a packed 8-row A sliver (8 floats per k step) and a packed B sliver (bStride floats per k step)
/// and keeps the whole C tile in zmm registers for the k loop (up to 24 accumulators of the 32 registers).
/// </summary>
internal static class GemmMicroKernels512
{
    /// <summary>8 x 16 tile: C = alpha * Ap Bp + beta * C (beta 0 never reads C).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static unsafe void Kernel8x1(int kc, float* ap, float* bp, int bStride, float* c, int ldc, float alpha, float beta)
    {
        Vector512<float> c00 = default;
        Vector512<float> c10 = default;
        Vector512<float> c20 = default;
        Vector512<float> c30 = default;
        Vector512<float> c40 = default;
        Vector512<float> c50 = default;
        Vector512<float> c60 = default;
        Vector512<float> c70 = default;
        for (int p = 0; p < kc; p++)
        {
            Vector512<float> b0 = Vector512.Load(bp + 0);
            Vector512<float> a0 = Vector512.Create(ap[0]);
            c00 = Vector512.FusedMultiplyAdd(a0, b0, c00);
            Vector512<float> a1 = Vector512.Create(ap[1]);
            c10 = Vector512.FusedMultiplyAdd(a1, b0, c10);
            Vector512<float> a2 = Vector512.Create(ap[2]);
            c20 = Vector512.FusedMultiplyAdd(a2, b0, c20);
            Vector512<float> a3 = Vector512.Create(ap[3]);
            c30 = Vector512.FusedMultiplyAdd(a3, b0, c30);
            Vector512<float> a4 = Vector512.Create(ap[4]);
            c40 = Vector512.FusedMultiplyAdd(a4, b0, c40);
            Vector512<float> a5 = Vector512.Create(ap[5]);
            c50 = Vector512.FusedMultiplyAdd(a5, b0, c50);
            Vector512<float> a6 = Vector512.Create(ap[6]);
            c60 = Vector512.FusedMultiplyAdd(a6, b0, c60);
            Vector512<float> a7 = Vector512.Create(ap[7]);
            c70 = Vector512.FusedMultiplyAdd(a7, b0, c70);
            ap += 8;
            bp += bStride;
        }
        Vector512<float> va = Vector512.Create(alpha);
        Vector512<float> vb = Vector512.Create(beta);
        int mode = StoreMode(beta);
        Put(c + 0 * ldc + 0, c00, va, vb, mode);
        Put(c + 1 * ldc + 0, c10, va, vb, mode);
        Put(c + 2 * ldc + 0, c20, va, vb, mode);
        Put(c + 3 * ldc + 0, c30, va, vb, mode);
        Put(c + 4 * ldc + 0, c40, va, vb, mode);
        Put(c + 5 * ldc + 0, c50, va, vb, mode);
        Put(c + 6 * ldc + 0, c60, va, vb, mode);
        Put(c + 7 * ldc + 0, c70, va, vb, mode);
    }

    /// <summary>8 x 32 tile: C = alpha * Ap Bp + beta * C (beta 0 never reads C).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static unsafe void Kernel8x2(int kc, float* ap, float* bp, int bStride, float* c, int ldc, float alpha, float beta)
    {
        Vector512<float> c00 = default; Vector512<float> c01 = default;
        Vector512<float> c10 = default; Vector512<float> c11 = default;
        Vector512<float> c20 = default; Vector512<float> c21 = default;
        Vector512<float> c30 = default; Vector512<float> c31 = default;
        Vector512<float> c40 = default; Vector512<float> c41 = default;
        Vector512<float> c50 = default; Vector512<float> c51 = default;
        Vector512<float> c60 = default; Vector512<float> c61 = default;
        Vector512<float> c70 = default; Vector512<float> c71 = default;
        for (int p = 0; p < kc; p++)
        {
            Vector512<float> b0 = Vector512.Load(bp + 0);
            Vector512<float> b1 = Vector512.Load(bp + 16);
            Vector512<float> a0 = Vector512.Create(ap[0]);
            c00 = Vector512.FusedMultiplyAdd(a0, b0, c00); c01 = Vector512.FusedMultiplyAdd(a0, b1, c01);
            Vector512<float> a1 = Vector512.Create(ap[1]);
            c10 = Vector512.FusedMultiplyAdd(a1, b0, c10); c11 = Vector512.FusedMultiplyAdd(a1, b1, c11);
            Vector512<float> a2 = Vector512.Create(ap[2]);
            c20 = Vector512.FusedMultiplyAdd(a2, b0, c20); c21 = Vector512.FusedMultiplyAdd(a2, b1, c21);
            Vector512<float> a3 = Vector512.Create(ap[3]);
            c30 = Vector512.FusedMultiplyAdd(a3, b0, c30); c31 = Vector512.FusedMultiplyAdd(a3, b1, c31);
            Vector512<float> a4 = Vector512.Create(ap[4]);
            c40 = Vector512.FusedMultiplyAdd(a4, b0, c40); c41 = Vector512.FusedMultiplyAdd(a4, b1, c41);
            Vector512<float> a5 = Vector512.Create(ap[5]);
            c50 = Vector512.FusedMultiplyAdd(a5, b0, c50); c51 = Vector512.FusedMultiplyAdd(a5, b1, c51);
            Vector512<float> a6 = Vector512.Create(ap[6]);
            c60 = Vector512.FusedMultiplyAdd(a6, b0, c60); c61 = Vector512.FusedMultiplyAdd(a6, b1, c61);
            Vector512<float> a7 = Vector512.Create(ap[7]);
            c70 = Vector512.FusedMultiplyAdd(a7, b0, c70); c71 = Vector512.FusedMultiplyAdd(a7, b1, c71);
            ap += 8;
            bp += bStride;
        }
        Vector512<float> va = Vector512.Create(alpha);
        Vector512<float> vb = Vector512.Create(beta);
        int mode = StoreMode(beta);
        Put(c + 0 * ldc + 0, c00, va, vb, mode); Put(c + 0 * ldc + 16, c01, va, vb, mode);
        Put(c + 1 * ldc + 0, c10, va, vb, mode); Put(c + 1 * ldc + 16, c11, va, vb, mode);
        Put(c + 2 * ldc + 0, c20, va, vb, mode); Put(c + 2 * ldc + 16, c21, va, vb, mode);
        Put(c + 3 * ldc + 0, c30, va, vb, mode); Put(c + 3 * ldc + 16, c31, va, vb, mode);
        Put(c + 4 * ldc + 0, c40, va, vb, mode); Put(c + 4 * ldc + 16, c41, va, vb, mode);
        Put(c + 5 * ldc + 0, c50, va, vb, mode); Put(c + 5 * ldc + 16, c51, va, vb, mode);
        Put(c + 6 * ldc + 0, c60, va, vb, mode); Put(c + 6 * ldc + 16, c61, va, vb, mode);
        Put(c + 7 * ldc + 0, c70, va, vb, mode); Put(c + 7 * ldc + 16, c71, va, vb, mode);
    }

    /// <summary>8 x 48 tile: C = alpha * Ap Bp + beta * C (beta 0 never reads C).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static unsafe void Kernel8x3(int kc, float* ap, float* bp, int bStride, float* c, int ldc, float alpha, float beta)
    {
        Vector512<float> c00 = default; Vector512<float> c01 = default; Vector512<float> c02 = default;
        Vector512<float> c10 = default; Vector512<float> c11 = default; Vector512<float> c12 = default;
        Vector512<float> c20 = default; Vector512<float> c21 = default; Vector512<float> c22 = default;
        Vector512<float> c30 = default; Vector512<float> c31 = default; Vector512<float> c32 = default;
        Vector512<float> c40 = default; Vector512<float> c41 = default; Vector512<float> c42 = default;
        Vector512<float> c50 = default; Vector512<float> c51 = default; Vector512<float> c52 = default;
        Vector512<float> c60 = default; Vector512<float> c61 = default; Vector512<float> c62 = default;
        Vector512<float> c70 = default; Vector512<float> c71 = default; Vector512<float> c72 = default;
        for (int p = 0; p < kc; p++)
        {
            Vector512<float> b0 = Vector512.Load(bp + 0);
            Vector512<float> b1 = Vector512.Load(bp + 16);
            Vector512<float> b2 = Vector512.Load(bp + 32);
            Vector512<float> a0 = Vector512.Create(ap[0]);
            c00 = Vector512.FusedMultiplyAdd(a0, b0, c00); c01 = Vector512.FusedMultiplyAdd(a0, b1, c01); c02 = Vector512.FusedMultiplyAdd(a0, b2, c02);
            Vector512<float> a1 = Vector512.Create(ap[1]);
            c10 = Vector512.FusedMultiplyAdd(a1, b0, c10); c11 = Vector512.FusedMultiplyAdd(a1, b1, c11); c12 = Vector512.FusedMultiplyAdd(a1, b2, c12);
            Vector512<float> a2 = Vector512.Create(ap[2]);
            c20 = Vector512.FusedMultiplyAdd(a2, b0, c20); c21 = Vector512.FusedMultiplyAdd(a2, b1, c21); c22 = Vector512.FusedMultiplyAdd(a2, b2, c22);
            Vector512<float> a3 = Vector512.Create(ap[3]);
            c30 = Vector512.FusedMultiplyAdd(a3, b0, c30); c31 = Vector512.FusedMultiplyAdd(a3, b1, c31); c32 = Vector512.FusedMultiplyAdd(a3, b2, c32);
            Vector512<float> a4 = Vector512.Create(ap[4]);
            c40 = Vector512.FusedMultiplyAdd(a4, b0, c40); c41 = Vector512.FusedMultiplyAdd(a4, b1, c41); c42 = Vector512.FusedMultiplyAdd(a4, b2, c42);
            Vector512<float> a5 = Vector512.Create(ap[5]);
            c50 = Vector512.FusedMultiplyAdd(a5, b0, c50); c51 = Vector512.FusedMultiplyAdd(a5, b1, c51); c52 = Vector512.FusedMultiplyAdd(a5, b2, c52);
            Vector512<float> a6 = Vector512.Create(ap[6]);
            c60 = Vector512.FusedMultiplyAdd(a6, b0, c60); c61 = Vector512.FusedMultiplyAdd(a6, b1, c61); c62 = Vector512.FusedMultiplyAdd(a6, b2, c62);
            Vector512<float> a7 = Vector512.Create(ap[7]);
            c70 = Vector512.FusedMultiplyAdd(a7, b0, c70); c71 = Vector512.FusedMultiplyAdd(a7, b1, c71); c72 = Vector512.FusedMultiplyAdd(a7, b2, c72);
            ap += 8;
            bp += bStride;
        }
        Vector512<float> va = Vector512.Create(alpha);
        Vector512<float> vb = Vector512.Create(beta);
        int mode = StoreMode(beta);
        Put(c + 0 * ldc + 0, c00, va, vb, mode); Put(c + 0 * ldc + 16, c01, va, vb, mode); Put(c + 0 * ldc + 32, c02, va, vb, mode);
        Put(c + 1 * ldc + 0, c10, va, vb, mode); Put(c + 1 * ldc + 16, c11, va, vb, mode); Put(c + 1 * ldc + 32, c12, va, vb, mode);
        Put(c + 2 * ldc + 0, c20, va, vb, mode); Put(c + 2 * ldc + 16, c21, va, vb, mode); Put(c + 2 * ldc + 32, c22, va, vb, mode);
        Put(c + 3 * ldc + 0, c30, va, vb, mode); Put(c + 3 * ldc + 16, c31, va, vb, mode); Put(c + 3 * ldc + 32, c32, va, vb, mode);
        Put(c + 4 * ldc + 0, c40, va, vb, mode); Put(c + 4 * ldc + 16, c41, va, vb, mode); Put(c + 4 * ldc + 32, c42, va, vb, mode);
        Put(c + 5 * ldc + 0, c50, va, vb, mode); Put(c + 5 * ldc + 16, c51, va, vb, mode); Put(c + 5 * ldc + 32, c52, va, vb, mode);
        Put(c + 6 * ldc + 0, c60, va, vb, mode); Put(c + 6 * ldc + 16, c61, va, vb, mode); Put(c + 6 * ldc + 32, c62, va, vb, mode);
        Put(c + 7 * ldc + 0, c70, va, vb, mode); Put(c + 7 * ldc + 16, c71, va, vb, mode); Put(c + 7 * ldc + 32, c72, va, vb, mode);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int StoreMode(float beta) => beta == 0f ? 0 : beta == 1f ? 1 : 2;

    // Mode 0 never loads C, so NaN garbage in an output buffer is overwritten when beta is 0.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void Put(float* dst, Vector512<float> acc, Vector512<float> alpha, Vector512<float> beta, int mode)
    {
        if (mode == 0) Vector512.Store(acc * alpha, dst);
        else if (mode == 1) Vector512.Store(Vector512.FusedMultiplyAdd(acc, alpha, Vector512.Load(dst)), dst);
        else Vector512.Store(Vector512.FusedMultiplyAdd(acc, alpha, Vector512.Load(dst) * beta), dst);
    }
}
