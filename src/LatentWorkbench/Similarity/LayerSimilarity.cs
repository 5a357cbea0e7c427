using LatentWorkbench.FunctionalMaps;
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

    /// <summary>
    /// LFM similarity between every pair of layers: one graph and eigenbasis per layer (built once), and for each
    /// pair the map the identity correspondence induces, C = Phi_b^T Phi_a, scored by
    /// <see cref="RepresentationSimilarity.Lfm"/>.
    /// </summary>
    public static double[,] LfmMatrix(IReadOnlyList<PointSet> a, IReadOnlyList<PointSet> b, int neighbors = 30, int eigenpairs = 50,
        DistanceMetric metric = DistanceMetric.Euclidean)
    {
        if (a.Count == 0 || b.Count == 0) throw new ArgumentException("need at least one layer on each side");
        foreach (var layer in b)
            if (layer.Count != a[0].Count)
                throw new ArgumentException($"every layer must hold the same {a[0].Count} inputs; one has {layer.Count}", nameof(b));
        var ba = a.Select(p => SpectralBasis.Build(p, neighbors, eigenpairs, metric)).ToArray();
        var bb = b.Select(p => SpectralBasis.Build(p, neighbors, eigenpairs, metric)).ToArray();
        var s = new double[a.Count, b.Count];
        for (int i = 0; i < a.Count; i++)
            for (int j = 0; j < b.Count; j++) s[i, j] = RepresentationSimilarity.Lfm(bb[j].Phi.TransposeThisAndMultiply(ba[i].Phi));
        return s;
    }
}
