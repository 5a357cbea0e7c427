using LatentWorkbench.Engine;

namespace LatentWorkbench.Koopman;

/// <summary>
/// One layer's stored, invertible preprocessing: y = ((x - mean) V / scale) R, with V the top-p sign-fixed right
/// singular directions [d, p], scale = ||(X - mean) V||_F / 100 over the fitting rows and R [p, p] the Procrustes rotation onto the last layer.
/// The inverse is exact on the span of V.
/// </summary>
public sealed class LayerTransform
{
    /// <summary>Stores a fitted transform: <paramref name="mean"/> [d], <paramref name="basis"/> [d * p] and <paramref name="rotation"/> [p * p], row-major.</summary>
    public LayerTransform(float[] mean, float[] basis, int components, float scale, float[] rotation)
    {
        if (components <= 0) throw new ArgumentOutOfRangeException(nameof(components), components, "must be positive");
        if (basis.Length != mean.Length * components) throw new ArgumentException($"basis holds {basis.Length} values, expected {mean.Length}x{components}", nameof(basis));
        if (rotation.Length != components * components) throw new ArgumentException($"rotation holds {rotation.Length} values, expected {components}x{components}", nameof(rotation));
        if (!(scale > 0)) throw new ArgumentOutOfRangeException(nameof(scale), scale, "must be positive");
        Mean = mean; Basis = basis; Components = components; Scale = scale; Rotation = rotation;
    }

    /// <summary>Per-feature mean [d].</summary>
    public float[] Mean { get; }
    /// <summary>Projection V, row-major [d * p] (column k is the k-th principal direction).</summary>
    public float[] Basis { get; }
    /// <summary>Kept directions p: the width of the preprocessed states.</summary>
    public int Components { get; }
    /// <summary>||(X - mean) V||_F / 100 over the fitting rows, so the preprocessed training cloud has Frobenius norm 100.</summary>
    public float Scale { get; }
    /// <summary>Orthogonal R, row-major [p * p] (identity for the last layer).</summary>
    public float[] Rotation { get; internal set; }
    /// <summary>Raw feature count d.</summary>
    public int Features => Mean.Length;

    /// <summary>Raw states [n, d] -> preprocessed [n, p].</summary>
    public Tensor Apply(Tensor states)
    {
        var x = states.Rank == 2 ? states : states.Flatten(1);
        if (x.Size(1) != Features) throw new ArgumentException($"expected {Features} features, got {x.Size(1)}", nameof(states));
        var centred = x - Tensor.FromArray(Mean, 1, Features);
        return centred.MatMul(Tensor.FromArray(Basis, Features, Components)).MatMul(Tensor.FromArray(Rotation, Components, Components)) * (1f / Scale);
    }

    /// <summary>Preprocessed [n, p] -> raw states [n, d] (the inverse of <see cref="Apply"/> on the kept subspace).</summary>
    public Tensor Invert(Tensor preprocessed)
    {
        if (preprocessed.Rank != 2 || preprocessed.Size(1) != Components)
            throw new ArgumentException($"expected [n, {Components}], got [{string.Join(", ", preprocessed.Shape)}]", nameof(preprocessed));
        var unrotated = preprocessed.MatMul(Tensor.FromArray(Rotation, Components, Components).T) * Scale;
        return unrotated.MatMul(Tensor.FromArray(Basis, Features, Components).T) + Tensor.FromArray(Mean, 1, Features);
    }
}
