namespace LatentWorkbench.Engine.NN;

/// <summary>
/// Affine layer y = x W^T + b with weight [out, in] and bias [out], initialised as PyTorch does:
/// both U(-1/sqrt(in), 1/sqrt(in)) (kaiming_uniform_ with a = sqrt(5)).
/// </summary>
public sealed class Linear : Module
{
    /// <summary>Creates the layer; parameters are drawn from <paramref name="generator"/> or <see cref="Init.DefaultGenerator"/>.</summary>
    public Linear(int inFeatures, int outFeatures, bool bias = true, Generator? generator = null)
    {
        if (inFeatures < 0) throw new ArgumentOutOfRangeException(nameof(inFeatures), inFeatures, "must be non-negative");
        if (outFeatures < 0) throw new ArgumentOutOfRangeException(nameof(outFeatures), outFeatures, "must be non-negative");
        InFeatures = inFeatures;
        OutFeatures = outFeatures;
        Weight = RegisterParameter("weight", Tensor.Zeros(outFeatures, inFeatures));
        if (bias) Bias = RegisterParameter("bias", Tensor.Zeros(outFeatures));
        ResetParameters(generator);
    }

    /// <summary>Features of each input row: the last dimension of x [..., in].</summary>
    public int InFeatures { get; }

    /// <summary>Features of each output row: the last dimension of y [..., out].</summary>
    public int OutFeatures { get; }

    /// <summary>Weight [out, in].</summary>
    public Tensor Weight { get; }

    /// <summary>Bias [out], or null.</summary>
    public Tensor? Bias { get; }

    /// <summary>Redraws the parameters with PyTorch's default initialisation.</summary>
    public void ResetParameters(Generator? generator = null)
    {
        Init.KaimingUniform(Weight, Math.Sqrt(5), generator: generator);
        if (Bias is not null) LayerInit.FanInBias(Bias, Weight, generator);
    }

    /// <summary>y = x W^T + b: [..., out] of <paramref name="input"/> [..., in].</summary>
    public override Tensor Forward(Tensor input) => F.Linear(input, Weight, Bias);

    /// <inheritdoc/>
    protected override string ExtraRepr() => $"in_features={InFeatures}, out_features={OutFeatures}, bias={PyBool(Bias is not null)}";
}
