using System.Numerics.Tensors;
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
    /// <summary>Applies y = A x for a symmetric A.</summary>
    public delegate void Operator(ReadOnlySpan<double> x, Span<double> y);

    /// <summary>The k largest eigenvalues (descending) and unit eigenvectors (row-major k x n).</summary>
    public static (double[] Values, double[] Vectors) Largest(Operator apply, int n, int k, double tol = 1e-8, ulong seed = 0, int maxRestarts = 500, int? basisSize = null)
    {
        ArgumentNullException.ThrowIfNull(apply);
        if (k < 1 || k >= n) throw new ArgumentOutOfRangeException(nameof(k), k, $"k must be in 1..{n - 1}");
        int m = Math.Min(n, basisSize ?? Math.Max(2 * k + 20, k + 32));
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
                // Two passes of classical Gram-Schmidt against the whole basis keep it orthonormal to round-off.
                Orthogonalize(v, n, j + 1, w, coef, accumulate: false);
                Orthogonalize(v, n, j + 1, w, coef, accumulate: true);
                for (int i = 0; i <= j; i++) { h[i, j] = coef[i]; h[j, i] = coef[i]; }
                beta = TensorPrimitives.Norm(w);
                if (beta < 1e-12 * Math.Max(1.0, Math.Abs(h[j, j])))
                {
                    // Invariant subspace: continue from a fresh direction orthogonal to the basis.
                    beta = 0;
                    RandomUnit(w, rng);
                    Orthogonalize(v, n, j + 1, w, coef, accumulate: false);
                    Orthogonalize(v, n, j + 1, w, coef, accumulate: false);
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

    private static void Orthogonalize(double[] v, int n, int count, Span<double> w, double[] coef, bool accumulate)
    {
        // Classical Gram-Schmidt (applied twice by the caller): all projections from one pass, so both the dots
        // and the update parallelise; the second pass restores orthogonality to round-off.
        var dots = new double[count];
        var wArr = w.ToArray();
        Parallel.For(0, count, i => dots[i] = TensorPrimitives.Dot(v.AsSpan(i * n, n), wArr));
        int chunks = Math.Min(Environment.ProcessorCount * 2, Math.Max(1, n / 2048));
        Parallel.For(0, chunks, c =>
        {
            int lo = (int)((long)n * c / chunks), hi = (int)((long)n * (c + 1) / chunks);
            var slice = wArr.AsSpan(lo, hi - lo);
            for (int i = 0; i < count; i++) TensorPrimitives.MultiplyAdd(v.AsSpan(i * n + lo, hi - lo), -dots[i], slice, slice);
        });
        wArr.CopyTo(w);
        for (int i = 0; i < count; i++) coef[i] = accumulate ? coef[i] + dots[i] : dots[i];
    }

    private static double[] RitzVectors(double[] v, int n, int m, Matrix<double> y, int[] order, int p)
    {
        var u = new double[p * n];
        Parallel.For(0, p, t =>
        {
            var dst = u.AsSpan(t * n, n);
            for (int j = 0; j < m; j++) TensorPrimitives.MultiplyAdd(v.AsSpan(j * n, n), y[j, order[t]], dst, dst);
        });
        return u;
    }

    private static void RandomUnit(Span<double> x, Random rng)
    {
        for (int i = 0; i < x.Length; i++) x[i] = rng.NextDouble() - 0.5;
        TensorPrimitives.Divide(x, TensorPrimitives.Norm(x), x);
    }
}
