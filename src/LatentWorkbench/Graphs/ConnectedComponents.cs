namespace LatentWorkbench.Graphs;

/// <summary>Connected components of a symmetric graph (breadth-first search).</summary>
public static class ConnectedComponents
{
    /// <summary>A component label 0..c-1 for every node of <paramref name="adjacency"/> [n, n], Labels [n], numbered by smallest node index; and the count c.</summary>
    public static (int[] Labels, int Count) Find(SparseMatrix adjacency)
    {
        int n = adjacency.Size;
        var labels = new int[n];
        Array.Fill(labels, -1);
        var queue = new int[n];
        int count = 0;
        for (int s = 0; s < n; s++)
        {
            if (labels[s] >= 0) continue;
            int head = 0, tail = 0;
            queue[tail++] = s;
            labels[s] = count;
            while (head < tail)
            {
                int u = queue[head++];
                for (int p = adjacency.RowPointers[u]; p < adjacency.RowPointers[u + 1]; p++)
                {
                    int v = adjacency.ColumnIndices[p];
                    if (adjacency.Values[p] != 0 && labels[v] < 0) { labels[v] = count; queue[tail++] = v; }
                }
            }
            count++;
        }
        return (labels, count);
    }
}
