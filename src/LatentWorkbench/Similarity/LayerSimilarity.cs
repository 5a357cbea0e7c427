using LatentWorkbench.Graphs;

namespace LatentWorkbench.Similarity;

/// <summary>Layer-by-layer similarity matrices between two networks' representations of the same inputs.</summary>
public static class LayerSimilarity
{
    /// <summary>S[i, j] = measure(a[i], b[j]).</summary>
    public static double[,] Matrix(IReadOnlyList<PointSet> a, IReadOnlyList<PointSet> b, Func<PointSet, PointSet, double> measure)
    {
        ArgumentNullException.ThrowIfNull(measure);
        if (a.Count == 0 || b.Count == 0) throw new ArgumentException("need at least one layer on each side");
        var s = new double[a.Count, b.Count];
        for (int i = 0; i < a.Count; i++)
            for (int j = 0; j < b.Count; j++) s[i, j] = measure(a[i], b[j]);
        return s;
    }
}
