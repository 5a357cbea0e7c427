using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace LatentWorkbench.Engine.Kernels;

/// <summary>
/// Packs row-major panels of op(A) and op(B) into the sliver layout the micro-kernels stream:
/// sliver s holds, for each depth step p, <c>w</c> consecutive floats (zero-padded past the matrix edge).
/// Every transpose combination reduces to two moves: a strided copy (the sliver runs along memory rows)
/// or a transpose (the sliver runs across memory rows).
/// </summary>
internal static unsafe class GemmPacking
{
    /// <summary>Packs rows ic..ic+mc, depth pc..pc+kc of op(A) into MR-row slivers.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PackA(float* a, int lda, bool transA, int ic, int mc, int pc, int kc, int mr, float* dst)
    {
        for (int s = 0; s < mc; s += mr)
        {
            int rows = Math.Min(mr, mc - s);
            float* d = dst + (long)s * kc;
            if (transA) Copy(a + (long)pc * lda + ic + s, lda, rows, kc, d, mr);
            else Transpose(a + (long)(ic + s) * lda + pc, lda, rows, kc, d, mr);
        }
    }

    /// <summary>Packs depth pc..pc+kc, columns jc..jc+nc of op(B) into NR-column slivers.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PackB(float* b, int ldb, bool transB, int pc, int kc, int jc, int nc, int nr, float* dst)
    {
        for (int s = 0; s < nc; s += nr)
        {
            int cols = Math.Min(nr, nc - s);
            float* d = dst + (long)s * kc;
            if (transB) Transpose(b + (long)(jc + s) * ldb + pc, ldb, cols, kc, d, nr);
            else Copy(b + (long)pc * ldb + jc + s, ldb, cols, kc, d, nr);
        }
    }

    /// <summary>dst[p*w + r] = src[p*stride + r] for r &lt; width, zero for width &lt;= r &lt; w.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Copy(float* src, int stride, int width, int kc, float* dst, int w)
    {
        for (int p = 0; p < kc; p++)
        {
            float* s = src + (long)p * stride;
            float* d = dst + (long)p * w;
            int r = 0;
            if (Vector512.IsHardwareAccelerated)
            {
                for (; r + 16 <= width; r += 16) Vector512.Store(Vector512.Load(s + r), d + r);
            }
            if (Vector256.IsHardwareAccelerated)
            {
                for (; r + 8 <= width; r += 8) Vector256.Store(Vector256.Load(s + r), d + r);
            }
            for (; r < width; r++) d[r] = s[r];
            for (; r < w; r++) d[r] = 0f;
        }
    }

    /// <summary>dst[p*w + r] = src[r*stride + p] for r &lt; width, zero for width &lt;= r &lt; w.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Transpose(float* src, int stride, int width, int kc, float* dst, int w)
    {
        int r = 0;
        if (Avx.IsSupported)
        {
            // 8 x 8 register transposes: reads stay along source rows, writes along packed rows.
            for (; r + 8 <= width; r += 8)
            {
                int p = 0;
                for (; p + 8 <= kc; p += 8) Transpose8x8(src + (long)r * stride + p, stride, dst + (long)p * w + r, w);
                for (; p < kc; p++)
                {
                    for (int q = 0; q < 8; q++) dst[(long)p * w + r + q] = src[(long)(r + q) * stride + p];
                }
            }
            if (width - r >= 2)
            {
                // The last 2..7 rows (the whole sliver when MR is 6, as for AVX2): the same register transpose with
                // zero rows for the missing ones, storing only the real columns, instead of a strided scalar copy.
                int rows = width - r;
                int p = 0;
                for (; p + 8 <= kc; p += 8) TransposePartial(src + (long)r * stride + p, stride, rows, dst + (long)p * w + r, w);
                for (; p < kc; p++)
                {
                    for (int q = 0; q < rows; q++) dst[(long)p * w + r + q] = src[(long)(r + q) * stride + p];
                }
                r = width;
            }
        }
        for (; r < width; r++)
        {
            float* s = src + (long)r * stride;
            for (int p = 0; p < kc; p++) dst[(long)p * w + r] = s[p];
        }
        if (width < w)
        {
            for (int p = 0; p < kc; p++)
            {
                for (int q = width; q < w; q++) dst[(long)p * w + q] = 0f;
            }
        }
    }

    /// <summary>Transposes an 8-column block of <paramref name="rows"/> (2..7) source rows: d[c*w + q] = s[q*stride + c].</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void TransposePartial(float* s, int stride, int rows, float* d, int w)
    {
        // Rows past the edge are never read: they enter the shuffle as zeros and their results are not stored.
        Transpose(Avx.LoadVector256(s), Avx.LoadVector256(s + stride),
            rows > 2 ? Avx.LoadVector256(s + 2L * stride) : default, rows > 3 ? Avx.LoadVector256(s + 3L * stride) : default,
            rows > 4 ? Avx.LoadVector256(s + 4L * stride) : default, rows > 5 ? Avx.LoadVector256(s + 5L * stride) : default,
            rows > 6 ? Avx.LoadVector256(s + 6L * stride) : default, default,
            out var c0, out var c1, out var c2, out var c3, out var c4, out var c5, out var c6, out var c7);
        StoreFirst(d, c0, rows);
        StoreFirst(d + w, c1, rows);
        StoreFirst(d + 2L * w, c2, rows);
        StoreFirst(d + 3L * w, c3, rows);
        StoreFirst(d + 4L * w, c4, rows);
        StoreFirst(d + 5L * w, c5, rows);
        StoreFirst(d + 6L * w, c6, rows);
        StoreFirst(d + 7L * w, c7, rows);
    }

    // Stores lanes 0..count-1 (count < 8) without touching the floats after them: 4 + 2 + 1 wide pieces.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreFirst(float* d, Vector256<float> v, int count)
    {
        Vector128<float> part = v.GetLower();
        if (count >= 4)
        {
            Sse.Store(d, part);
            part = v.GetUpper();
            d += 4;
            count -= 4;
        }
        if (count >= 2)
        {
            Sse.StoreLow(d, part);
            part = Sse.MoveHighToLow(part, part);
            d += 2;
            count -= 2;
        }
        if (count == 1) *d = part.ToScalar();
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Transpose8x8(float* s, int stride, float* d, int w)
    {
        Transpose(Avx.LoadVector256(s), Avx.LoadVector256(s + stride), Avx.LoadVector256(s + 2L * stride), Avx.LoadVector256(s + 3L * stride),
            Avx.LoadVector256(s + 4L * stride), Avx.LoadVector256(s + 5L * stride), Avx.LoadVector256(s + 6L * stride), Avx.LoadVector256(s + 7L * stride),
            out var c0, out var c1, out var c2, out var c3, out var c4, out var c5, out var c6, out var c7);
        Avx.Store(d, c0);
        Avx.Store(d + w, c1);
        Avx.Store(d + 2L * w, c2);
        Avx.Store(d + 3L * w, c3);
        Avx.Store(d + 4L * w, c4);
        Avx.Store(d + 5L * w, c5);
        Avx.Store(d + 6L * w, c6);
        Avx.Store(d + 7L * w, c7);
    }

    /// <summary>The 8x8 transpose in registers: rows r0..r7 in, columns c0..c7 out (unpack, shuffle, lane permute).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose(Vector256<float> r0, Vector256<float> r1, Vector256<float> r2, Vector256<float> r3,
        Vector256<float> r4, Vector256<float> r5, Vector256<float> r6, Vector256<float> r7,
        out Vector256<float> c0, out Vector256<float> c1, out Vector256<float> c2, out Vector256<float> c3,
        out Vector256<float> c4, out Vector256<float> c5, out Vector256<float> c6, out Vector256<float> c7)
    {
        Vector256<float> t0 = Avx.UnpackLow(r0, r1), t1 = Avx.UnpackHigh(r0, r1);
        Vector256<float> t2 = Avx.UnpackLow(r2, r3), t3 = Avx.UnpackHigh(r2, r3);
        Vector256<float> t4 = Avx.UnpackLow(r4, r5), t5 = Avx.UnpackHigh(r4, r5);
        Vector256<float> t6 = Avx.UnpackLow(r6, r7), t7 = Avx.UnpackHigh(r6, r7);

        Vector256<float> u0 = Avx.Shuffle(t0, t2, 0x44), u1 = Avx.Shuffle(t0, t2, 0xEE);
        Vector256<float> u2 = Avx.Shuffle(t1, t3, 0x44), u3 = Avx.Shuffle(t1, t3, 0xEE);
        Vector256<float> u4 = Avx.Shuffle(t4, t6, 0x44), u5 = Avx.Shuffle(t4, t6, 0xEE);
        Vector256<float> u6 = Avx.Shuffle(t5, t7, 0x44), u7 = Avx.Shuffle(t5, t7, 0xEE);

        c0 = Avx.Permute2x128(u0, u4, 0x20);
        c1 = Avx.Permute2x128(u1, u5, 0x20);
        c2 = Avx.Permute2x128(u2, u6, 0x20);
        c3 = Avx.Permute2x128(u3, u7, 0x20);
        c4 = Avx.Permute2x128(u0, u4, 0x31);
        c5 = Avx.Permute2x128(u1, u5, 0x31);
        c6 = Avx.Permute2x128(u2, u6, 0x31);
        c7 = Avx.Permute2x128(u3, u7, 0x31);
    }
}
