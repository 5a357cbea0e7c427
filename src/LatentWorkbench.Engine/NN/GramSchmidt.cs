namespace LatentWorkbench.Engine.NN;

/// <summary>Orthonormalisation of matrix columns in double precision (the Q of a thin QR factorisation).</summary>
internal static class GramSchmidt
{
    /// <summary>
    /// Replaces the n columns of the row-major m x n matrix <paramref name="a"/> (m &gt;= n) by orthonormal columns
    /// spanning the same nested subspaces, i.e. Q of A = QR with diag(R) &gt; 0. Modified Gram-Schmidt run twice per
    /// column ("twice is enough") keeps Q orthogonal to working precision even for ill-conditioned A.
    /// </summary>
    public static void Orthonormalize(double[] a, int m, int n)
    {
        if (m < n) throw new ArgumentException($"Gram-Schmidt needs at least as many rows ({m}) as columns ({n})");
        for (int j = 0; j < n; j++)
        {
            for (int pass = 0; pass < 2; pass++)
            {
                for (int k = 0; k < j; k++)
                {
                    double dot = 0;
                    for (int i = 0; i < m; i++) dot += a[i * n + k] * a[i * n + j];
                    for (int i = 0; i < m; i++) a[i * n + j] -= dot * a[i * n + k];
                }
            }
            double norm = 0;
            for (int i = 0; i < m; i++) norm += a[i * n + j] * a[i * n + j];
            norm = Math.Sqrt(norm);
            if (norm < 1e-300) throw new InvalidOperationException($"Gram-Schmidt: column {j} is linearly dependent on the previous ones");
            for (int i = 0; i < m; i++) a[i * n + j] /= norm;
        }
    }
}
