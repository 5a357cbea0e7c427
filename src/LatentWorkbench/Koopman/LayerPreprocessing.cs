using LatentWorkbench.Decomposition;
using LatentWorkbench.Engine;
using LatentWorkbench.FunctionalMaps;
using LatentWorkbench.Interop;

namespace LatentWorkbench.Koopman;

/// <summary>
/// Fits the paper's per-layer preprocessing: flatten, mean-centre, project on the top-p singular directions
/// (each sign-fixed so its largest-magnitude entry is positive), divide by ||X_p||_F / 100 (X_p the projected training
/// states), then rotate every layer onto the last one by orthogonal Procrustes so that consecutive states live in
/// comparable coordinates.
/// </summary>
public static class LayerPreprocessing
{
    /// <summary>
    /// One transform per layer of <paramref name="layers"/> (each [n, d_l], same n; higher-rank states are flattened),
    /// keeping <paramref name="components"/> = p &lt;= min(n, d_l) directions: [layers] transforms to [n, p].
    /// </summary>
    /// <example><code>
    /// var raw = ClassifierTraining.CaptureLayers(classifier, inputs);        // [n, width] per layer
    /// var transforms = LayerPreprocessing.Fit(raw, components: 10);
    /// var first = transforms[0].Apply(raw[0]);                               // [n, 10], Frobenius norm 100
    /// </code></example>
    public static LayerTransform[] Fit(IReadOnlyList<Tensor> layers, int components)
    {
        if (layers.Count == 0) throw new ArgumentException("no layers to preprocess", nameof(layers));
        int n = layers[0].Size(0);
        foreach (var l in layers)
        {
            if (l.Size(0) != n) throw new ArgumentException($"all layers need {n} rows; one has {l.Size(0)}", nameof(layers));
            int d = l.Numel / n;
            if (components > d || components > n) throw new ArgumentOutOfRangeException(nameof(components), components, $"cannot keep more than min(n={n}, d={d}) directions");
        }
        if (components < 1) throw new ArgumentOutOfRangeException(nameof(components), components, "must be positive");

        var transforms = new LayerTransform[layers.Count];
        for (int i = 0; i < layers.Count; i++) transforms[i] = FitUnrotated(layers[i].Rank == 2 ? layers[i] : layers[i].Flatten(1), components);
        var target = transforms[^1].Apply(layers[^1]).ToMatrix();
        for (int i = 0; i < layers.Count - 1; i++)
        {
            var y = transforms[i].Apply(layers[i]).ToMatrix();
            transforms[i].Rotation = Procrustes.Rotation(y, target).ToRowMajorFloats();
        }
        return transforms;
    }

    private static LayerTransform FitUnrotated(Tensor x, int p)
    {
        // The paper's PCA: Gram in float by the engine (many rows, few features), double eigendecomposition, each
        // direction signed so its largest-magnitude entry is positive.
        var pca = new Pca(new PcaOptions { Components = p, Precision = PcaPrecision.Single, Sign = PcaSign.LargestPositive }).Fit(x);
        var projected = pca.Transform(x);
        double frob = Math.Sqrt(projected.Pow(2f).Sum().Item());
        float scale = (float)Math.Max(frob / 100.0, 1e-12);
        var identity = new float[p * p];
        for (int k = 0; k < p; k++) identity[k * p + k] = 1f;
        return new LayerTransform(pca.MeanSingle, pca.Basis, p, scale, identity);
    }
}
