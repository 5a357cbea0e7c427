using LatentWorkbench.Engine;
using LatentWorkbench.FunctionalMaps;
using LatentWorkbench.Graphs;
using LatentWorkbench.Interop;

namespace LatentWorkbench.Similarity;

/// <summary>Layer-by-layer similarity matrices between two networks' representations of the same inputs.</summary>
public static class LayerSimilarity
{
    /// <summary>
    /// S[i, j] = measure(a[i], b[j]) as a tensor [a.Count, b.Count] (each score rounded to float32 once); each layer is
    /// [n, d_layer] over the same n inputs.
    /// </summary>
    /// <example><code>var s = LayerSimilarity.Matrix(layersA, layersB, Cka.Linear); // Plot.Heatmap(s) draws it</code></example>
    public static Tensor Matrix(IReadOnlyList<Tensor> a, IReadOnlyList<Tensor> b, Func<Tensor, Tensor, double> measure)
    {
        ArgumentNullException.ThrowIfNull(measure);
        if (a.Count == 0 || b.Count == 0) throw new ArgumentException("need at least one layer on each side");
        var s = new double[a.Count * b.Count];
        for (int i = 0; i < a.Count; i++)
            for (int j = 0; j < b.Count; j++) s[i * b.Count + j] = measure(a[i], b[j]);
        return Tensor.FromArray(s, a.Count, b.Count);
    }

    /// <summary>
    /// LFM similarity between every pair of layers: one graph and eigenbasis per layer (built once), and for each
    /// pair the map the identity correspondence induces, C = Phi_b^T Phi_a, scored by
    /// <see cref="RepresentationSimilarity.Lfm(Tensor)"/>. Each layer is [n, d_layer] over the same n inputs; returns a
    /// tensor [a.Count, b.Count] (each score rounded to float32 once).
    /// </summary>
    /// <example><code>
    /// var s = LayerSimilarity.LfmMatrix(setup.LayersA, setup.LayersB);   // [4, 4] for two LfmClassifierSetup networks
    /// </code></example>
    public static Tensor LfmMatrix(IReadOnlyList<Tensor> a, IReadOnlyList<Tensor> b, int neighbors = 30, int eigenpairs = 50,
        DistanceMetric metric = DistanceMetric.Euclidean)
    {
        if (a.Count == 0 || b.Count == 0) throw new ArgumentException("need at least one layer on each side");
        var pa = a.Select((t, i) => t.ToPoints($"a[{i}]")).ToArray();
        var pb = b.Select((t, i) => t.ToPoints($"b[{i}]")).ToArray();
        foreach (var layer in pb)
            if (layer.Count != pa[0].Count)
                throw new ArgumentException($"every layer must hold the same {pa[0].Count} inputs; one has {layer.Count}", nameof(b));
        var ba = pa.Select(p => SpectralBasis.Build(p, neighbors, eigenpairs, metric)).ToArray();
        var bb = pb.Select(p => SpectralBasis.Build(p, neighbors, eigenpairs, metric)).ToArray();
        var s = new double[pa.Length * pb.Length];
        for (int i = 0; i < pa.Length; i++)
            for (int j = 0; j < pb.Length; j++) s[i * pb.Length + j] = RepresentationSimilarity.Lfm(bb[j].PhiMatrix.TransposeThisAndMultiply(ba[i].PhiMatrix));
        return Tensor.FromArray(s, pa.Length, pb.Length);
    }
}
