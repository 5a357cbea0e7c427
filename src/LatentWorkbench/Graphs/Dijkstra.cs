namespace LatentWorkbench.Graphs;

/// <summary>Single-source shortest paths on a weighted graph with edge length 1/w (strong edges are short).</summary>
public static class Dijkstra
{
    /// <summary>Geodesic distances [n] from node <paramref name="source"/> of <paramref name="adjacency"/> [n, n]; unreachable nodes get +infinity.</summary>
    public static double[] Distances(SparseMatrix adjacency, int source)
    {
        if ((uint)source >= (uint)adjacency.Size) throw new ArgumentOutOfRangeException(nameof(source), source, $"source must be a node 0..{adjacency.Size - 1}");
        var dist = new double[adjacency.Size];
        Array.Fill(dist, double.PositiveInfinity);
        dist[source] = 0;
        var queue = new PriorityQueue<int, double>();
        queue.Enqueue(source, 0);
        while (queue.TryDequeue(out int u, out double du))
        {
            if (du > dist[u]) continue;
            for (int p = adjacency.RowPointers[u]; p < adjacency.RowPointers[u + 1]; p++)
            {
                double w = adjacency.Values[p];
                if (w <= 0) continue;
                int v = adjacency.ColumnIndices[p];
                double alt = du + 1.0 / w;
                if (alt < dist[v]) { dist[v] = alt; queue.Enqueue(v, alt); }
            }
        }
        return dist;
    }
}
