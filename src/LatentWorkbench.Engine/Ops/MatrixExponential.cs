using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace LatentWorkbench.Engine.Ops;

/// <summary>
/// Matrix exponential by scaling and squaring with Padé approximants of degree 3, 5, 7, 9 or 13,
/// following Higham (2005), "The scaling and squaring method for the matrix exponential revisited". Double precision.
/// </summary>
internal static class MatrixExponential
{
    // Largest 1-norms for which Padé degree m meets double-precision backward error (Higham 2005, Table 2.3).
    internal const double Theta3 = 1.495585217958292e-2, Theta5 = 2.539398330063230e-1, Theta7 = 9.504178996162932e-1,
        Theta9 = 2.097847961257068e0, Theta13 = 5.371920351148152e0;

    internal static readonly double[] B3 = [120, 60, 12, 1];
    internal static readonly double[] B5 = [30240, 15120, 3360, 420, 30, 1];
    internal static readonly double[] B7 = [17297280, 8648640, 1995840, 277200, 25200, 1512, 56, 1];
    internal static readonly double[] B9 = [17643225600, 8821612800, 2075673600, 302702400, 30270240, 2162160, 110880, 3960, 90, 1];
    internal static readonly double[] B13 =
    [
        64764752532480000, 32382376266240000, 7771770303897600, 1187353796428800, 129060195264000,
        10559470521600, 670442572800, 33522128640, 1323241920, 40840800, 960960, 16380, 182, 1,
    ];

    /// <summary>Writes exp(A) for the row-major n x n matrix <paramref name="a"/> into <paramref name="result"/>.</summary>
    public static void Compute(ReadOnlySpan<double> a, int n, Span<double> result)
    {
        if (n == 0) return;
        int nn = n * n;
        double norm = OneNorm(a, n);
        if (double.IsNaN(norm) || double.IsInfinity(norm)) { result.Fill(double.NaN); return; }
        var u = new double[nn];
        var v = new double[nn];
        var a2 = new double[nn];
        MatMul(a, a, a2, n);
        int squarings = 0;
        if (norm <= Theta3) PadeLowDegree(a, a2, n, B3, u, v);
        else if (norm <= Theta5) PadeLowDegree(a, a2, n, B5, u, v);
        else if (norm <= Theta7) PadeLowDegree(a, a2, n, B7, u, v);
        else if (norm <= Theta9) PadeLowDegree(a, a2, n, B9, u, v);
        else
        {
            squarings = Math.Max(0, (int)Math.Ceiling(Math.Log2(norm / Theta13)));
            var scaled = a.ToArray();
            double factor = Math.Pow(2, -squarings);
            for (int i = 0; i < nn; i++) scaled[i] *= factor;
            for (int i = 0; i < nn; i++) a2[i] *= factor * factor;
            Pade13(scaled, a2, n, u, v);
        }
        // exp(A) ~ (V - U)^-1 (V + U)
        var p = new double[nn];
        var q = new double[nn];
        for (int i = 0; i < nn; i++) { p[i] = v[i] + u[i]; q[i] = v[i] - u[i]; }
        Solve(q, p, n);
        var current = p;
        var scratch = new double[nn];
        for (int s = 0; s < squarings; s++)
        {
            MatMul(current, current, scratch, n);
            (current, scratch) = (scratch, current);
        }
        current.AsSpan(0, nn).CopyTo(result);
    }

    /// <summary>U = A * sum_k b[2k+1] A^(2k), V = sum_k b[2k] A^(2k) for degree 3..9.</summary>
    private static void PadeLowDegree(ReadOnlySpan<double> a, double[] a2, int n, double[] b, double[] u, double[] v)
    {
        int nn = n * n;
        var odd = new double[nn];
        Array.Clear(v);
        var power = Identity(n);
        var next = new double[nn];
        for (int k = 0; 2 * k + 1 < b.Length; k++)
        {
            for (int i = 0; i < nn; i++) { odd[i] += b[2 * k + 1] * power[i]; v[i] += b[2 * k] * power[i]; }
            if (2 * k + 3 < b.Length) { MatMul(power, a2, next, n); (power, next) = (next, power); }
        }
        MatMul(a, odd, u, n);
    }

    private static void Pade13(double[] a, double[] a2, int n, double[] u, double[] v)
    {
        int nn = n * n;
        var b = B13;
        var a4 = new double[nn];
        var a6 = new double[nn];
        MatMul(a2, a2, a4, n);
        MatMul(a4, a2, a6, n);
        var inner = new double[nn];
        var tmp = new double[nn];
        // U = A [A6 (b13 A6 + b11 A4 + b9 A2) + b7 A6 + b5 A4 + b3 A2 + b1 I]
        for (int i = 0; i < nn; i++) inner[i] = b[13] * a6[i] + b[11] * a4[i] + b[9] * a2[i];
        MatMul(a6, inner, tmp, n);
        for (int i = 0; i < nn; i++) tmp[i] += b[7] * a6[i] + b[5] * a4[i] + b[3] * a2[i];
        for (int i = 0; i < n; i++) tmp[i * n + i] += b[1];
        MatMul(a, tmp, u, n);
        // V = A6 (b12 A6 + b10 A4 + b8 A2) + b6 A6 + b4 A4 + b2 A2 + b0 I
        for (int i = 0; i < nn; i++) inner[i] = b[12] * a6[i] + b[10] * a4[i] + b[8] * a2[i];
        MatMul(a6, inner, v, n);
        for (int i = 0; i < nn; i++) v[i] += b[6] * a6[i] + b[4] * a4[i] + b[2] * a2[i];
        for (int i = 0; i < n; i++) v[i * n + i] += b[0];
    }

    internal static double OneNorm(ReadOnlySpan<double> a, int n)
    {
        double best = 0;
        for (int j = 0; j < n; j++)
        {
            double sum = 0;
            for (int i = 0; i < n; i++) sum += Math.Abs(a[i * n + j]);
            if (sum > best || double.IsNaN(sum)) best = sum;
        }
        return best;
    }

    internal static double[] Identity(int n)
    {
        var id = new double[n * n];
        for (int i = 0; i < n; i++) id[i * n + i] = 1;
        return id;
    }

    /// <summary>c = a b for n x n row-major matrices (c must not alias a or b).</summary>
    internal static void MatMul(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> c, int n)
    {
        c[..(n * n)].Clear();
        MatMulAdd(a, b, c, n);
    }

    /// <summary>c += a b for n x n row-major matrices (c must not alias a or b); rows in parallel for large n.</summary>
    internal static void MatMulAdd(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> c, int n)
    {
        // Below ~128 the whole product takes well under a millisecond and thread hand-off costs more than it saves.
        if (n < 128 || Environment.ProcessorCount == 1) { MatMulAddRows(a, b, c, n, 0, n); return; }
        unsafe
        {
            fixed (double* pa = a, pb = b, pc = c)
            {
                nint ia = (nint)pa, ib = (nint)pb, ic = (nint)pc;
                int chunks = Math.Min(Environment.ProcessorCount * 2, n / 32);
                Parallel.For(0, chunks, t =>
                {
                    int lo = (int)((long)n * t / chunks), hi = (int)((long)n * (t + 1) / chunks);
                    MatMulAddRows(new ReadOnlySpan<double>((double*)ia, n * n), new ReadOnlySpan<double>((double*)ib, n * n),
                        new Span<double>((double*)ic, n * n), n, lo, hi);
                });
            }
        }
    }

    // c[i, j] += sum_k a[i, k] b[k, j] for rows [rowStart, rowEnd). Each element is accumulated in ascending k with a
    // separate multiply and add (no fused multiply-add), exactly as the row-by-row MultiplyAdd this replaces, so results
    // are bit for bit the same; blocks of 4 rows x 8 columns stay in registers across k instead of reloading c per k.
    private static void MatMulAddRows(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> c, int n, int rowStart, int rowEnd)
    {
        int i = rowStart;
        if (Vector256.IsHardwareAccelerated)
        {
            ref double ra = ref MemoryMarshal.GetReference(a);
            ref double rb = ref MemoryMarshal.GetReference(b);
            ref double rc = ref MemoryMarshal.GetReference(c);
            for (; i + 4 <= rowEnd; i += 4)
            {
                int j = 0;
                for (; j + 8 <= n; j += 8)
                {
                    nint c0 = (nint)i * n + j, c1 = c0 + n, c2 = c1 + n, c3 = c2 + n;
                    var s00 = Vector256.LoadUnsafe(ref rc, (nuint)c0); var s01 = Vector256.LoadUnsafe(ref rc, (nuint)(c0 + 4));
                    var s10 = Vector256.LoadUnsafe(ref rc, (nuint)c1); var s11 = Vector256.LoadUnsafe(ref rc, (nuint)(c1 + 4));
                    var s20 = Vector256.LoadUnsafe(ref rc, (nuint)c2); var s21 = Vector256.LoadUnsafe(ref rc, (nuint)(c2 + 4));
                    var s30 = Vector256.LoadUnsafe(ref rc, (nuint)c3); var s31 = Vector256.LoadUnsafe(ref rc, (nuint)(c3 + 4));
                    nint a0 = (nint)i * n, a1 = a0 + n, a2 = a1 + n, a3 = a2 + n;
                    for (int k = 0; k < n; k++)
                    {
                        nint bk = (nint)k * n + j;
                        var b0 = Vector256.LoadUnsafe(ref rb, (nuint)bk);
                        var b1 = Vector256.LoadUnsafe(ref rb, (nuint)(bk + 4));
                        var x0 = Vector256.Create(Unsafe.Add(ref ra, a0 + k));
                        var x1 = Vector256.Create(Unsafe.Add(ref ra, a1 + k));
                        var x2 = Vector256.Create(Unsafe.Add(ref ra, a2 + k));
                        var x3 = Vector256.Create(Unsafe.Add(ref ra, a3 + k));
                        s00 += x0 * b0; s01 += x0 * b1;
                        s10 += x1 * b0; s11 += x1 * b1;
                        s20 += x2 * b0; s21 += x2 * b1;
                        s30 += x3 * b0; s31 += x3 * b1;
                    }
                    s00.StoreUnsafe(ref rc, (nuint)c0); s01.StoreUnsafe(ref rc, (nuint)(c0 + 4));
                    s10.StoreUnsafe(ref rc, (nuint)c1); s11.StoreUnsafe(ref rc, (nuint)(c1 + 4));
                    s20.StoreUnsafe(ref rc, (nuint)c2); s21.StoreUnsafe(ref rc, (nuint)(c2 + 4));
                    s30.StoreUnsafe(ref rc, (nuint)c3); s31.StoreUnsafe(ref rc, (nuint)(c3 + 4));
                }
                for (int r = i; r < i + 4; r++) MatMulAddScalar(a, b, c, n, r, j);
            }
        }
        for (; i < rowEnd; i++) MatMulAddScalar(a, b, c, n, i, 0);
    }

    // Columns [columnStart, n) of row i, element by element in the same order (ascending k, multiply then add).
    private static void MatMulAddScalar(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> c, int n, int i, int columnStart)
    {
        for (int j = columnStart; j < n; j++)
        {
            double sum = c[i * n + j];
            for (int k = 0; k < n; k++) sum += a[i * n + k] * b[k * n + j];
            c[i * n + j] = sum;
        }
    }

    /// <summary>Solves Q X = P in place (P becomes X) by LU with partial pivoting; Q is destroyed.</summary>
    internal static void Solve(double[] q, double[] p, int n)
    {
        for (int col = 0; col < n; col++)
        {
            int pivot = col;
            double best = Math.Abs(q[col * n + col]);
            for (int r = col + 1; r < n; r++)
            {
                double v = Math.Abs(q[r * n + col]);
                if (v > best) { best = v; pivot = r; }
            }
            if (best == 0) throw new InvalidOperationException("expm: Padé denominator is singular (the input matrix has non-finite or extreme entries)");
            if (pivot != col)
            {
                for (int j = 0; j < n; j++)
                {
                    (q[col * n + j], q[pivot * n + j]) = (q[pivot * n + j], q[col * n + j]);
                    (p[col * n + j], p[pivot * n + j]) = (p[pivot * n + j], p[col * n + j]);
                }
            }
            double diag = q[col * n + col];
            for (int r = col + 1; r < n; r++)
            {
                double f = q[r * n + col] / diag;
                if (f == 0) continue;
                // q_r -= f q_col and p_r -= f p_col as (x * -f) + y: the same rounding as the scalar y - f x.
                TensorPrimitives.MultiplyAdd(q.AsSpan(col * n + col, n - col), -f, q.AsSpan(r * n + col, n - col), q.AsSpan(r * n + col, n - col));
                TensorPrimitives.MultiplyAdd(p.AsSpan(col * n, n), -f, p.AsSpan(r * n, n), p.AsSpan(r * n, n));
            }
        }
        for (int r = n - 1; r >= 0; r--)
        {
            for (int k = r + 1; k < n; k++)
            {
                double f = q[r * n + k];
                if (f == 0) continue;
                TensorPrimitives.MultiplyAdd(p.AsSpan(k * n, n), -f, p.AsSpan(r * n, n), p.AsSpan(r * n, n));
            }
            double diag = q[r * n + r];
            TensorPrimitives.Divide(p.AsSpan(r * n, n), diag, p.AsSpan(r * n, n));
        }
    }
}
