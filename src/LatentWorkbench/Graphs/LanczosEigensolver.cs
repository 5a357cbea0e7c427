using System.Numerics.Tensors;
using System.Runtime.Intrinsics;
using MathNet.Numerics.LinearAlgebra;

namespace LatentWorkbench.Graphs;

/// <summary>
/// Largest (algebraic) eigenpairs of a symmetric operator by thick-restart Lanczos with full
/// reorthogonalisation (Wu and Simon 2000): each cycle extends a Krylov basis to m vectors, keeps the best
/// p Ritz vectors plus the residual direction, and stops when the wanted k Ritz pairs have residual
/// ||A u - theta u|| below tol * max(|theta|, 1).
/// </summary>
public static class LanczosEigensolver
{
    /// <summary>Applies y = A x for a symmetric A [n, n]: x [n] in, y [n] out.</summary>
    public delegate void Operator(ReadOnlySpan<double> x, Span<double> y);

    /// <summary>The k largest eigenvalues [k] (descending) and unit eigenvectors [k * n] (row-major k x n: row j belongs to value j) of an n x n operator.</summary>
    public static (double[] Values, double[] Vectors) Largest(Operator apply, int n, int k, double tol = 1e-8, ulong seed = 0, int maxRestarts = 500, int? basisSize = null)
    {
        ArgumentNullException.ThrowIfNull(apply);
        if (k < 1 || k >= n) throw new ArgumentOutOfRangeException(nameof(k), k, $"k must be in 1..{n - 1}");
        // A basis of about 2k (ARPACK's default is 2k + 1) measured fastest for k = 50 on 10,000 nodes: larger ones
        // need fewer restarts but each step orthogonalises against more vectors.
        int m = Math.Min(n, basisSize ?? Math.Max(2 * k, k + 32));
        if (m <= k) throw new ArgumentOutOfRangeException(nameof(basisSize), m, $"basis size must exceed k = {k}");
        int keep = Math.Min(m - 1, k + (m - k) / 2);

        var v = new double[(m + 1) * n];
        var h = new double[m, m];
        var coef = new double[m + 1];
        var rng = new Random(unchecked((int)seed ^ (int)(seed >> 32)));
        RandomUnit(v.AsSpan(0, n), rng);
        int start = 0;
        double beta = 0;
        for (int restart = 0; restart <= maxRestarts; restart++)
        {
            for (int j = start; j < m; j++)
            {
                var w = v.AsSpan((j + 1) * n, n);
                apply(v.AsSpan(j * n, n), w);
                OrthogonalizeStep(v, n, j, start, h, w, coef);
                for (int i = 0; i <= j; i++) { h[i, j] = coef[i]; h[j, i] = coef[i]; }
                beta = TensorPrimitives.Norm(w);
                if (beta < 1e-12 * Math.Max(1.0, Math.Abs(h[j, j])))
                {
                    // Invariant subspace: continue from a fresh direction orthogonal to the basis.
                    beta = 0;
                    RandomUnit(w, rng);
                    Project(v, n, j + 1, w, new double[j + 1]);
                    Project(v, n, j + 1, w, new double[j + 1]);
                    TensorPrimitives.Divide(w, TensorPrimitives.Norm(w), w);
                }
                else TensorPrimitives.Divide(w, beta, w);
                if (j + 1 < m) { h[j + 1, j] = beta; h[j, j + 1] = beta; }
            }

            var evd = Matrix<double>.Build.DenseOfArray(h).Evd(MathNet.Numerics.LinearAlgebra.Symmetricity.Symmetric);
            var order = Enumerable.Range(0, m).OrderByDescending(i => evd.EigenValues[i].Real).ToArray();
            var y = evd.EigenVectors;
            bool converged = true;
            for (int t = 0; t < k; t++)
            {
                double theta = evd.EigenValues[order[t]].Real;
                if (Math.Abs(beta * y[m - 1, order[t]]) > tol * Math.Max(Math.Abs(theta), 1.0)) { converged = false; break; }
            }
            int p = converged ? k : keep;
            var ritz = RitzVectors(v, n, m, y, order, p);
            if (converged)
            {
                var values = new double[k];
                for (int t = 0; t < k; t++) values[t] = evd.EigenValues[order[t]].Real;
                return (values, ritz);
            }
            // Thick restart: [u_1..u_p, v_{m+1}] with projected matrix diag(theta) bordered by beta * y_m.
            v.AsSpan(m * n, n).CopyTo(v.AsSpan(p * n, n));
            ritz.AsSpan().CopyTo(v.AsSpan(0, p * n));
            Array.Clear(h);
            for (int t = 0; t < p; t++)
            {
                h[t, t] = evd.EigenValues[order[t]].Real;
                double s = beta * y[m - 1, order[t]];
                h[p, t] = s;
                h[t, p] = s;
            }
            start = p;
        }
        throw new InvalidOperationException($"Lanczos did not converge to {k} eigenpairs within {maxRestarts} restarts (basis {m}, tol {tol})");
    }

    /// <summary>
    /// Makes w = A v_j orthogonal to v_0..v_j and leaves the projection coefficients in coef. The recurrence's known
    /// couplings (beta to v_{j-1}, or right after a thick restart the arrow to the kept Ritz vectors) and alpha remove
    /// the large components; one pass of classical Gram-Schmidt against the whole basis removes the round-off ones,
    /// and a second pass runs only when a pass cancelled much of w (Daniel, Gragg, Kaufman and Stewart's test), so
    /// the basis stays orthonormal to round-off at about half the memory traffic of two unconditional passes.
    /// </summary>
    private static void OrthogonalizeStep(double[] v, int n, int j, int start, double[,] h, Span<double> w, double[] coef)
    {
        Array.Clear(coef, 0, j + 1);
        for (int i = j == start ? 0 : j - 1; i < j; i++)
        {
            double c = h[i, j];
            if (c == 0) continue;
            TensorPrimitives.MultiplyAdd(v.AsSpan(i * n, n), -c, w, w);
            coef[i] = c;
        }
        var vj = v.AsSpan(j * n, n);
        double alpha = TensorPrimitives.Dot(vj, w);
        TensorPrimitives.MultiplyAdd(vj, -alpha, w, w);
        coef[j] = alpha;
        for (int pass = 0; pass < 2; pass++)
        {
            double before = TensorPrimitives.Norm(w);
            Project(v, n, j + 1, w, coef);
            if (TensorPrimitives.Norm(w) > 0.717 * before) break;
        }
    }

    /// <summary>
    /// One classical Gram-Schmidt pass against the first count basis vectors: coef += V w, then w -= V^T (V w).
    /// Each thread owns a slice of the coordinates (partial dots summed afterwards in a fixed order, so results do
    /// not depend on scheduling), which keeps the parallel work in a few large pieces.
    /// </summary>
    private static void Project(double[] v, int n, int count, Span<double> w, double[] coef)
    {
        int chunks = Math.Min(Environment.ProcessorCount * 4, Math.Max(1, n / 1024));
        var partial = new double[chunks * count];
        var wArr = w.ToArray();
        Parallel.For(0, chunks, c =>
        {
            int lo = (int)((long)n * c / chunks), hi = (int)((long)n * (c + 1) / chunks);
            var slice = wArr.AsSpan(lo, hi - lo);
            for (int i = 0; i < count; i++) partial[c * count + i] = TensorPrimitives.Dot(v.AsSpan(i * n + lo, hi - lo), slice);
        });
        var dots = new double[count];
        for (int c = 0; c < chunks; c++)
            for (int i = 0; i < count; i++) dots[i] += partial[c * count + i];
        Parallel.For(0, chunks, c =>
        {
            int lo = (int)((long)n * c / chunks), hi = (int)((long)n * (c + 1) / chunks);
            var slice = wArr.AsSpan(lo, hi - lo);
            for (int i = 0; i < count; i++) TensorPrimitives.MultiplyAdd(v.AsSpan(i * n + lo, hi - lo), -dots[i], slice, slice);
        });
        wArr.CopyTo(w);
        for (int i = 0; i < count; i++) coef[i] += dots[i];
    }

    /// <summary>
    /// u_t = sum_j y[j, order[t]] v_j for t &lt; p: a (p x m) by (m x n) product done in column slices of the basis
    /// that stay in cache, four Ritz vectors at a time so each loaded basis vector feeds four multiply-adds.
    /// </summary>
    private static double[] RitzVectors(double[] v, int n, int m, Matrix<double> y, int[] order, int p)
    {
        var weights = new double[p * m];
        for (int t = 0; t < p; t++)
            for (int j = 0; j < m; j++) weights[t * m + j] = y[j, order[t]];
        var u = new double[p * n];
        const int Slice = 256;
        int slices = (n + Slice - 1) / Slice;
        Parallel.For(0, slices, s => RitzSlice(v, n, m, weights, p, u, s * Slice, Math.Min(Slice, n - s * Slice)));
        return u;
    }

    private static void RitzSlice(double[] v, int n, int m, double[] weights, int p, double[] u, int lo, int len)
    {
        int width = Vector256<double>.Count;
        int t = 0;
        for (; t + 4 <= p; t += 4)
        {
            ReadOnlySpan<double> w0 = weights.AsSpan(t * m, m), w1 = weights.AsSpan((t + 1) * m, m),
                w2 = weights.AsSpan((t + 2) * m, m), w3 = weights.AsSpan((t + 3) * m, m);
            int x = 0;
            for (; x + width <= len; x += width)
            {
                Vector256<double> a0 = default, a1 = default, a2 = default, a3 = default;
                for (int j = 0; j < m; j++)
                {
                    var vj = Vector256.Create<double>(v.AsSpan(j * n + lo + x, width));
                    a0 = Vector256.FusedMultiplyAdd(Vector256.Create(w0[j]), vj, a0);
                    a1 = Vector256.FusedMultiplyAdd(Vector256.Create(w1[j]), vj, a1);
                    a2 = Vector256.FusedMultiplyAdd(Vector256.Create(w2[j]), vj, a2);
                    a3 = Vector256.FusedMultiplyAdd(Vector256.Create(w3[j]), vj, a3);
                }
                a0.CopyTo(u.AsSpan(t * n + lo + x, width));
                a1.CopyTo(u.AsSpan((t + 1) * n + lo + x, width));
                a2.CopyTo(u.AsSpan((t + 2) * n + lo + x, width));
                a3.CopyTo(u.AsSpan((t + 3) * n + lo + x, width));
            }
            for (; x < len; x++)
                for (int r = 0; r < 4; r++)
                {
                    double sum = 0;
                    for (int j = 0; j < m; j++) sum = Math.FusedMultiplyAdd(weights[(t + r) * m + j], v[j * n + lo + x], sum);
                    u[(t + r) * n + lo + x] = sum;
                }
        }
        for (; t < p; t++)
        {
            var dst = u.AsSpan(t * n + lo, len);
            for (int j = 0; j < m; j++) TensorPrimitives.MultiplyAdd(v.AsSpan(j * n + lo, len), weights[t * m + j], dst, dst);
        }
    }

    private static void RandomUnit(Span<double> x, Random rng)
    {
        for (int i = 0; i < x.Length; i++) x[i] = rng.NextDouble() - 0.5;
        TensorPrimitives.Divide(x, TensorPrimitives.Norm(x), x);
    }
}
