using System.Numerics.Tensors;

namespace LatentWorkbench.Engine.Ops;

/// <summary>
/// exp(A) together with its Fréchet derivative L(A, E), the blocks of exp([[A, E], [0, A]]) (Najfeld and Havel).
/// It runs exactly the scaling-and-squaring Padé algorithm of <see cref="MatrixExponential"/> on that 2n x 2n block
/// matrix (same degree and squaring count, chosen from the block's 1-norm), but keeps every intermediate as the pair
/// (X, Y) of a block upper-triangular [[X, Y], [0, X]]: a product then costs three n x n products instead of eight,
/// and the Padé solve one n x n factorisation applied twice. This is what makes expm's backward affordable for the
/// Koopman autoencoder's operator (n = 800 in the paper's MNIST setting).
/// </summary>
internal static class MatrixExponentialFrechet
{
    /// <summary>Writes exp(A) to <paramref name="expA"/> and L(A, E) to <paramref name="frechet"/> (row-major n x n).</summary>
    public static void Compute(ReadOnlySpan<double> a, ReadOnlySpan<double> e, int n, Span<double> expA, Span<double> frechet)
    {
        if (n == 0) return;
        int nn = n * n;
        double norm = BlockOneNorm(a, e, n);
        if (double.IsNaN(norm) || double.IsInfinity(norm)) { expA.Fill(double.NaN); frechet.Fill(double.NaN); return; }
        var x = new Pair(a.ToArray(), e.ToArray());
        var x2 = Pair.Zeros(nn);
        Multiply(x, x, x2, n);
        var u = Pair.Zeros(nn);
        var v = Pair.Zeros(nn);
        int squarings = 0;
        if (norm <= MatrixExponential.Theta3) PadeLowDegree(x, x2, n, MatrixExponential.B3, u, v);
        else if (norm <= MatrixExponential.Theta5) PadeLowDegree(x, x2, n, MatrixExponential.B5, u, v);
        else if (norm <= MatrixExponential.Theta7) PadeLowDegree(x, x2, n, MatrixExponential.B7, u, v);
        else if (norm <= MatrixExponential.Theta9) PadeLowDegree(x, x2, n, MatrixExponential.B9, u, v);
        else
        {
            squarings = Math.Max(0, (int)Math.Ceiling(Math.Log2(norm / MatrixExponential.Theta13)));
            double factor = Math.Pow(2, -squarings);
            x.Scale(factor);
            x2.Scale(factor * factor);
            Pade13(x, x2, n, u, v);
        }
        // exp ~ (V - U)^-1 (V + U); with Q = [[Qa, Qb], [0, Qa]]: Xa = Qa^-1 Pa, Xb = Qa^-1 (Pb - Qb Xa).
        var p = Pair.Zeros(nn);
        var q = Pair.Zeros(nn);
        for (int i = 0; i < nn; i++)
        {
            p.A[i] = v.A[i] + u.A[i]; p.B[i] = v.B[i] + u.B[i];
            q.A[i] = v.A[i] - u.A[i]; q.B[i] = v.B[i] - u.B[i];
        }
        MatrixExponential.Solve((double[])q.A.Clone(), p.A, n);
        var qbXa = new double[nn];
        MatrixExponential.MatMul(q.B, p.A, qbXa, n);
        for (int i = 0; i < nn; i++) p.B[i] -= qbXa[i];
        MatrixExponential.Solve(q.A, p.B, n);
        var current = p;
        var scratch = Pair.Zeros(nn);
        for (int s = 0; s < squarings; s++)
        {
            Multiply(current, current, scratch, n);
            (current, scratch) = (scratch, current);
        }
        current.A.AsSpan(0, nn).CopyTo(expA);
        current.B.AsSpan(0, nn).CopyTo(frechet);
    }

    /// <summary>1-norm of [[A, E], [0, A]]: the largest |E| + |A| column sum (the left columns only hold |A|).</summary>
    private static double BlockOneNorm(ReadOnlySpan<double> a, ReadOnlySpan<double> e, int n)
    {
        double best = 0;
        for (int j = 0; j < n; j++)
        {
            double sum = 0;
            for (int i = 0; i < n; i++) sum += Math.Abs(a[i * n + j]) + Math.Abs(e[i * n + j]);
            if (sum > best || double.IsNaN(sum)) best = sum;
        }
        return best;
    }

    private static void PadeLowDegree(Pair a, Pair a2, int n, double[] b, Pair u, Pair v)
    {
        int nn = n * n;
        var odd = Pair.Zeros(nn);
        v.Clear();
        var power = new Pair(MatrixExponential.Identity(n), new double[nn]);
        var next = Pair.Zeros(nn);
        for (int k = 0; 2 * k + 1 < b.Length; k++)
        {
            odd.AddScaled(power, b[2 * k + 1]);
            v.AddScaled(power, b[2 * k]);
            if (2 * k + 3 < b.Length) { Multiply(power, a2, next, n); (power, next) = (next, power); }
        }
        Multiply(a, odd, u, n);
    }

    private static void Pade13(Pair a, Pair a2, int n, Pair u, Pair v)
    {
        int nn = n * n;
        var b = MatrixExponential.B13;
        var a4 = Pair.Zeros(nn);
        var a6 = Pair.Zeros(nn);
        Multiply(a2, a2, a4, n);
        Multiply(a4, a2, a6, n);
        var inner = Pair.Zeros(nn);
        var tmp = Pair.Zeros(nn);
        inner.Combine(a6, b[13], a4, b[11], a2, b[9]);
        Multiply(a6, inner, tmp, n);
        tmp.AddCombination(a6, b[7], a4, b[5], a2, b[3]);
        for (int i = 0; i < n; i++) tmp.A[i * n + i] += b[1];
        Multiply(a, tmp, u, n);
        inner.Combine(a6, b[12], a4, b[10], a2, b[8]);
        Multiply(a6, inner, v, n);
        v.AddCombination(a6, b[6], a4, b[4], a2, b[2]);
        for (int i = 0; i < n; i++) v.A[i * n + i] += b[0];
    }

    /// <summary>[[Xa, Xb], [0, Xa]] [[Ya, Yb], [0, Ya]] = [[Xa Ya, Xa Yb + Xb Ya], [0, Xa Ya]].</summary>
    private static void Multiply(Pair x, Pair y, Pair result, int n)
    {
        MatrixExponential.MatMul(x.A, y.A, result.A, n);
        MatrixExponential.MatMul(x.A, y.B, result.B, n);
        MatrixExponential.MatMulAdd(x.B, y.A, result.B, n);
    }

    /// <summary>The diagonal block A and the upper-right block B of a block upper-triangular matrix.</summary>
    private sealed class Pair(double[] a, double[] b)
    {
        public double[] A { get; } = a;
        public double[] B { get; } = b;

        public static Pair Zeros(int nn) => new(new double[nn], new double[nn]);

        public void Clear() { Array.Clear(A); Array.Clear(B); }

        public void Scale(double factor)
        {
            TensorPrimitives.Multiply(A, factor, A);
            TensorPrimitives.Multiply(B, factor, B);
        }

        public void AddScaled(Pair other, double factor)
        {
            TensorPrimitives.MultiplyAdd(other.A, factor, A, A);
            TensorPrimitives.MultiplyAdd(other.B, factor, B, B);
        }

        public void Combine(Pair x, double cx, Pair y, double cy, Pair z, double cz)
        {
            Clear();
            AddCombination(x, cx, y, cy, z, cz);
        }

        public void AddCombination(Pair x, double cx, Pair y, double cy, Pair z, double cz)
        {
            AddScaled(x, cx);
            AddScaled(y, cy);
            AddScaled(z, cz);
        }
    }
}
