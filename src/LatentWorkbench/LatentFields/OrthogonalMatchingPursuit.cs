using System.Numerics.Tensors;

namespace LatentWorkbench.LatentFields;

/// <summary>
/// Orthogonal Matching Pursuit over a dictionary of atoms (rows [m * k]), as scikit-learn's orthogonal_mp: at each
/// step pick the atom with the largest |correlation| with the residual, then least-squares fit the chosen atoms.
/// The least-squares system is kept as a Cholesky factor of the chosen atoms' Gram matrix, grown one row per step
/// (Rubinstein et al.'s OMP-Cholesky); the Gram matrix and all correlations are computed once per batch.
/// Atoms are used as given (scikit-learn assumes unit-norm columns; normalise first if yours are not).
/// </summary>
/// <example><code>
/// float[] atoms = [1, 0, 0,  0, 1, 0,  0, 0, 1,  0.6f, 0.8f, 0];   // m = 4 unit atoms of size k = 3, [m * k]
/// var omp = new OrthogonalMatchingPursuit(atoms, k: 3);
/// double[] codes = omp.Encode([0.6f, 0.8f, 0f], nonZero: 1);       // [n * m]: atom 3, coefficient 1
/// float[] back = omp.Decode(codes);                                 // [n * k]
/// </code></example>
public sealed class OrthogonalMatchingPursuit
{
    private readonly float[] _atoms;
    private readonly double[] _gram;

    /// <summary>Prepares the dictionary of m atoms of size <paramref name="k"/>, <paramref name="atoms"/> row-major [m * k] (copied).</summary>
    public OrthogonalMatchingPursuit(ReadOnlySpan<float> atoms, int k)
    {
        if (k < 1) throw new ArgumentOutOfRangeException(nameof(k), k, "must be positive");
        if (atoms.Length == 0 || atoms.Length % k != 0) throw new ArgumentException($"atoms must be a non-empty [m * {k}] array; got {atoms.Length} numbers", nameof(atoms));
        _atoms = atoms.ToArray();
        Dim = k;
        AtomCount = atoms.Length / k;
        _gram = new double[AtomCount * AtomCount];
        for (int i = 0; i < AtomCount; i++)
            for (int j = 0; j <= i; j++)
                _gram[i * AtomCount + j] = _gram[j * AtomCount + i] = Dot(Atom(i), Atom(j));
    }

    /// <summary>Signal size k.</summary>
    public int Dim { get; }

    /// <summary>Number of atoms m.</summary>
    public int AtomCount { get; }

    /// <summary>Normalises each row of <paramref name="atoms"/> [m * k] to unit length (zero rows stay zero); returns a new [m * k].</summary>
    public static float[] Normalize(ReadOnlySpan<float> atoms, int k)
    {
        var r = atoms.ToArray();
        for (int i = 0; i < r.Length / k; i++)
        {
            var row = r.AsSpan(i * k, k);
            float n = TensorPrimitives.Norm(row);
            if (n > 0) TensorPrimitives.Divide(row, n, row);
        }
        return r;
    }

    /// <summary>Sparse codes [n * m] with at most <paramref name="nonZero"/> atoms for each of the n rows of <paramref name="signals"/> [n * k].</summary>
    public double[] Encode(ReadOnlySpan<float> signals, int nonZero)
    {
        if (signals.Length % Dim != 0) throw new ArgumentException($"signals must have {Dim} numbers per row; got {signals.Length}", nameof(signals));
        if (nonZero < 1 || nonZero > Math.Min(AtomCount, Dim))
            throw new ArgumentOutOfRangeException(nameof(nonZero), nonZero, $"must lie in 1..min(atoms {AtomCount}, k {Dim})");
        int n = signals.Length / Dim, m = AtomCount;
        var codes = new double[n * m];
        var y = signals.ToArray();
        Parallel.For(0, n, () => new Workspace(m, nonZero), (s, _, ws) =>
        {
            EncodeOne(y.AsSpan(s * Dim, Dim), nonZero, codes.AsSpan(s * m, m), ws);
            return ws;
        }, _ => { });
        return codes;
    }

    /// <summary>Reconstructions [n * k] of <paramref name="codes"/> [n * m].</summary>
    public float[] Decode(ReadOnlySpan<double> codes)
    {
        int m = AtomCount, n = codes.Length / m;
        var z = new float[n * Dim];
        for (int s = 0; s < n; s++)
            for (int a = 0; a < m; a++)
            {
                double c = codes[s * m + a];
                if (c == 0) continue;
                var atom = Atom(a);
                for (int i = 0; i < Dim; i++) z[s * Dim + i] += (float)(c * atom[i]);
            }
        return z;
    }

    private ReadOnlySpan<float> Atom(int i) => _atoms.AsSpan(i * Dim, Dim);

    private static double Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        double s = 0;
        for (int i = 0; i < a.Length; i++) s += (double)a[i] * b[i];
        return s;
    }

    private sealed class Workspace(int m, int s)
    {
        public readonly double[] Alpha = new double[m];
        public readonly double[] Corr = new double[m];
        public readonly double[] L = new double[s * s];
        public readonly int[] Chosen = new int[s];
        public readonly double[] X = new double[s];
        public readonly double[] W = new double[s];
    }

    private void EncodeOne(ReadOnlySpan<float> y, int nonZero, Span<double> code, Workspace ws)
    {
        int m = AtomCount;
        for (int a = 0; a < m; a++) ws.Alpha[a] = ws.Corr[a] = Dot(Atom(a), y);
        var L = ws.L;
        int size = 0;
        for (int step = 0; step < nonZero; step++)
        {
            int best = -1;
            double bestAbs = 0;
            for (int a = 0; a < m; a++)
            {
                double v = Math.Abs(ws.Corr[a]);
                if (v > bestAbs) { bestAbs = v; best = a; }
            }
            if (best < 0 || bestAbs < 1e-12) break; // residual orthogonal to every atom
            // New Cholesky row: L w = G[I, best], diagonal sqrt(G[best, best] - |w|^2).
            for (int i = 0; i < size; i++)
            {
                double v = _gram[ws.Chosen[i] * m + best];
                for (int j = 0; j < i; j++) v -= L[i * nonZero + j] * ws.W[j];
                ws.W[i] = v / L[i * nonZero + i];
            }
            double diag = _gram[best * m + best];
            for (int i = 0; i < size; i++) diag -= ws.W[i] * ws.W[i];
            if (diag <= 1e-12 * Math.Max(_gram[best * m + best], 1e-30)) break; // atom linearly dependent on the chosen ones
            for (int i = 0; i < size; i++) L[size * nonZero + i] = ws.W[i];
            L[size * nonZero + size] = Math.Sqrt(diag);
            ws.Chosen[size++] = best;

            // Solve L L^T x = alpha[I].
            for (int i = 0; i < size; i++)
            {
                double v = ws.Alpha[ws.Chosen[i]];
                for (int j = 0; j < i; j++) v -= L[i * nonZero + j] * ws.W[j];
                ws.W[i] = v / L[i * nonZero + i];
            }
            for (int i = size - 1; i >= 0; i--)
            {
                double v = ws.W[i];
                for (int j = i + 1; j < size; j++) v -= L[j * nonZero + i] * ws.X[j];
                ws.X[i] = v / L[i * nonZero + i];
            }
            // Correlations with the new residual: alpha - G[:, I] x.
            for (int a = 0; a < m; a++)
            {
                double v = ws.Alpha[a];
                for (int i = 0; i < size; i++) v -= _gram[a * m + ws.Chosen[i]] * ws.X[i];
                ws.Corr[a] = v;
            }
            for (int i = 0; i < size; i++) ws.Corr[ws.Chosen[i]] = 0;
        }
        code.Clear();
        for (int i = 0; i < size; i++) code[ws.Chosen[i]] = ws.X[i];
    }
}
