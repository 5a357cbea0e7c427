using MathNet.Numerics.LinearAlgebra;

namespace LatentWorkbench.Graphs;

/// <summary>
/// The smallest eigenpairs of a graph's symmetric normalised Laplacian: eigenvalues ascending, eigenvectors
/// orthonormal, each signed so that its largest-magnitude entry is positive. A disconnected graph is solved
/// component by component (each contributes an eigenvalue 0), which Krylov methods cannot do reliably on the whole.
/// </summary>
public sealed class LaplacianEigenbasis
{
    /// <summary>Graphs up to this many nodes (per component) use a dense symmetric eigendecomposition.</summary>
    public const int DenseLimit = 400;

    /// <summary>Eigenvalues [k], ascending, in [0, 2] (one 0 per connected component).</summary>
    public double[] Eigenvalues { get; }

    /// <summary>Eigenvectors [n * k], row-major n x k: column j belongs to eigenvalue j.</summary>
    public double[] Eigenvectors { get; }

    /// <summary>Number of nodes n.</summary>
    public int Count { get; }

    /// <summary>Number of eigenpairs k.</summary>
    public int K => Eigenvalues.Length;

    /// <summary>Connected components of the graph (each contributes an eigenvalue 0).</summary>
    public int ComponentCount { get; }

    /// <summary>Component label 0..<see cref="ComponentCount"/>-1 of each node, [n].</summary>
    public int[] ComponentLabels { get; }

    private LaplacianEigenbasis(double[] values, double[] vectors, int n, int components, int[] labels)
    {
        Eigenvalues = values;
        Eigenvectors = vectors;
        Count = n;
        ComponentCount = components;
        ComponentLabels = labels;
    }

    /// <summary>Entry (node i, eigenvector j).</summary>
    public double this[int i, int j] => Eigenvectors[i * K + j];

    /// <summary>
    /// The <paramref name="k"/> smallest eigenpairs (k in 1..n) of the normalised Laplacian of <paramref name="adjacency"/> [n, n];
    /// <paramref name="tol"/> is the Lanczos residual tolerance and <paramref name="seed"/> its start vector.
    /// </summary>
    public static LaplacianEigenbasis Compute(SparseMatrix adjacency, int k, double tol = 1e-8, ulong seed = 0)
    {
        ArgumentNullException.ThrowIfNull(adjacency);
        int n = adjacency.Size;
        if (k < 1 || k > n) throw new ArgumentOutOfRangeException(nameof(k), k, $"k must be in 1..{n} for a graph of {n} nodes");
        var (labels, count) = ConnectedComponents.Find(adjacency);
        var pairs = new List<(double Value, int Component, int Index)>();
        var parts = new List<(int[] Nodes, double[] Values, double[] Vectors, int K)>();
        for (int c = 0; c < count; c++)
        {
            int[] nodes = count == 1 ? Enumerable.Range(0, n).ToArray() : Enumerable.Range(0, n).Where(i => labels[i] == c).ToArray();
            var sub = count == 1 ? adjacency : Subgraph(adjacency, nodes, labels, c);
            int kc = Math.Min(k, nodes.Length);
            var (vals, vecs) = SolveConnected(sub, kc, tol, seed + (ulong)c);
            parts.Add((nodes, vals, vecs, kc));
            for (int t = 0; t < kc; t++) pairs.Add((vals[t], c, t));
        }
        var chosen = pairs.OrderBy(p => p.Value).ThenBy(p => p.Component).Take(k).ToArray();
        var values = new double[k];
        var vectors = new double[n * k];
        for (int j = 0; j < k; j++)
        {
            var (value, comp, idx) = chosen[j];
            var part = parts[comp];
            values[j] = value;
            int arg = 0;
            double best = -1;
            for (int r = 0; r < part.Nodes.Length; r++)
            {
                double a = Math.Abs(part.Vectors[idx * part.Nodes.Length + r]);
                if (a > best + 1e-12) { best = a; arg = r; }
            }
            double sign = part.Vectors[idx * part.Nodes.Length + arg] < 0 ? -1 : 1;
            for (int r = 0; r < part.Nodes.Length; r++) vectors[part.Nodes[r] * k + j] = sign * part.Vectors[idx * part.Nodes.Length + r];
        }
        return new LaplacianEigenbasis(values, vectors, n, count, labels);
    }

    /// <summary>Eigenpairs of a connected graph: ascending values, vectors row-major k x n.</summary>
    private static (double[] Values, double[] Vectors) SolveConnected(SparseMatrix adjacency, int k, double tol, ulong seed)
    {
        int n = adjacency.Size;
        if (n <= DenseLimit || k >= n - 1) return SolveDense(adjacency, k);
        var normalized = GraphLaplacian.NormalizedAdjacency(adjacency);
        // The smallest eigenvalues of L = I - N are the largest of N, where Krylov methods converge fastest.
        var (mu, vectors) = LanczosEigensolver.Largest((x, y) => normalized.Multiply(x, y), n, k, tol, seed);
        var values = new double[k];
        for (int t = 0; t < k; t++) values[t] = Math.Max(0.0, 1.0 - mu[t]);
        return (values, vectors);
    }

    private static (double[] Values, double[] Vectors) SolveDense(SparseMatrix adjacency, int k)
    {
        int n = adjacency.Size;
        var lap = Matrix<double>.Build.DenseOfArray(GraphLaplacian.SymmetricNormalized(adjacency).ToDense());
        var evd = lap.Evd(Symmetricity.Symmetric);
        var order = Enumerable.Range(0, n).OrderBy(i => evd.EigenValues[i].Real).Take(k).ToArray();
        var values = new double[k];
        var vectors = new double[k * n];
        for (int t = 0; t < k; t++)
        {
            values[t] = Math.Max(0.0, evd.EigenValues[order[t]].Real);
            for (int i = 0; i < n; i++) vectors[t * n + i] = evd.EigenVectors[i, order[t]];
        }
        return (values, vectors);
    }

    private static SparseMatrix Subgraph(SparseMatrix adjacency, int[] nodes, int[] labels, int component)
    {
        var local = new Dictionary<int, int>(nodes.Length);
        for (int r = 0; r < nodes.Length; r++) local[nodes[r]] = r;
        var entries = new List<(int, int, double)>();
        for (int r = 0; r < nodes.Length; r++)
        {
            int i = nodes[r];
            for (int p = adjacency.RowPointers[i]; p < adjacency.RowPointers[i + 1]; p++)
                if (labels[adjacency.ColumnIndices[p]] == component) entries.Add((r, local[adjacency.ColumnIndices[p]], adjacency.Values[p]));
        }
        return SparseMatrix.FromTriplets(nodes.Length, entries);
    }
}
