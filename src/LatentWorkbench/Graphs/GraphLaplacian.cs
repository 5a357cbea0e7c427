namespace LatentWorkbench.Graphs;

/// <summary>The symmetric normalised Laplacian L = I - D^-1/2 W D^-1/2 and its normalised adjacency.</summary>
public static class GraphLaplacian
{
    /// <summary>N = D^-1/2 W D^-1/2; rows of isolated nodes are empty.</summary>
    public static SparseMatrix NormalizedAdjacency(SparseMatrix adjacency)
    {
        ArgumentNullException.ThrowIfNull(adjacency);
        var deg = adjacency.RowSums();
        var inv = new double[deg.Length];
        for (int i = 0; i < deg.Length; i++)
        {
            if (deg[i] < 0) throw new ArgumentException($"adjacency: node {i} has negative degree {deg[i]}; edge weights must be non-negative", nameof(adjacency));
            inv[i] = deg[i] > 0 ? 1.0 / Math.Sqrt(deg[i]) : 0.0;
        }
        var vals = new double[adjacency.NonZeros];
        for (int i = 0; i < adjacency.Size; i++)
            for (int p = adjacency.RowPointers[i]; p < adjacency.RowPointers[i + 1]; p++)
                vals[p] = inv[i] * adjacency.Values[p] * inv[adjacency.ColumnIndices[p]];
        return new SparseMatrix(adjacency.Size, adjacency.RowPointers, adjacency.ColumnIndices, vals);
    }

    /// <summary>L = I - D^-1/2 W D^-1/2 as a sparse matrix (isolated nodes get L_ii = 0, as SciPy's csgraph).</summary>
    public static SparseMatrix SymmetricNormalized(SparseMatrix adjacency)
    {
        var n = NormalizedAdjacency(adjacency);
        var deg = adjacency.RowSums();
        var entries = new List<(int, int, double)>(n.NonZeros + n.Size);
        for (int i = 0; i < n.Size; i++)
        {
            if (deg[i] > 0) entries.Add((i, i, 1.0));
            for (int p = n.RowPointers[i]; p < n.RowPointers[i + 1]; p++) entries.Add((i, n.ColumnIndices[p], -n.Values[p]));
        }
        return SparseMatrix.FromTriplets(n.Size, entries);
    }
}
