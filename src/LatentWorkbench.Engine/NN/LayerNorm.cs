namespace LatentWorkbench.Engine.NN;

/// <summary>Layer normalisation over the trailing dimensions <see cref="NormalizedShape"/> (torch.nn.LayerNorm); affine weight 1, bias 0 of that shape.</summary>
public sealed class LayerNorm : Module
{
    /// <summary>Creates the layer normalising over the trailing dimensions <paramref name="normalizedShape"/>.</summary>
    public LayerNorm(int[] normalizedShape, float eps = 1e-5f, bool elementwiseAffine = true)
    {
        ArgumentNullException.ThrowIfNull(normalizedShape);
        if (normalizedShape.Length == 0 || normalizedShape.Any(d => d < 1))
            throw new ArgumentException($"LayerNorm: normalizedShape {ShapeMath.Format(normalizedShape)} must be non-empty with positive sizes", nameof(normalizedShape));
        NormalizedShape = (int[])normalizedShape.Clone();
        Eps = eps; ElementwiseAffine = elementwiseAffine;
        if (elementwiseAffine)
        {
            Weight = RegisterParameter("weight", Tensor.Ones(NormalizedShape));
            Bias = RegisterParameter("bias", Tensor.Zeros(NormalizedShape));
        }
    }

    /// <summary>Creates the layer normalising over the last dimension of size <paramref name="normalizedSize"/>.</summary>
    public LayerNorm(int normalizedSize, float eps = 1e-5f, bool elementwiseAffine = true) : this([normalizedSize], eps, elementwiseAffine) { }

    /// <summary>The trailing shape normalised over.</summary>
    public int[] NormalizedShape { get; }
    /// <summary>Added to the variance for stability.</summary>
    public float Eps { get; }
    /// <summary>Whether there is a learnable element-wise scale and shift.</summary>
    public bool ElementwiseAffine { get; }
    /// <summary>Scale, or null.</summary>
    public Tensor? Weight { get; }
    /// <summary>Shift, or null.</summary>
    public Tensor? Bias { get; }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => F.LayerNorm(input, NormalizedShape, Weight, Bias, Eps);

    /// <inheritdoc/>
    protected override string ExtraRepr() =>
        $"({string.Join(", ", NormalizedShape)}{(NormalizedShape.Length == 1 ? "," : "")}), eps={PyFloat(Eps)}, elementwise_affine={PyBool(ElementwiseAffine)}";
}
