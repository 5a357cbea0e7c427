namespace LatentWorkbench.Engine.NN;

/// <summary>
/// 2-D transposed convolution over [N, C, H, W]; weight [in, out, k, k] (PyTorch layout), bias [out]. Initialised as
/// PyTorch: fan_in is computed from the weight tensor as for any weight, i.e. dim 1 (out) times k * k, and weight and
/// bias are U(-1/sqrt(fan_in), 1/sqrt(fan_in)).
/// </summary>
public sealed class ConvTranspose2d : Module
{
    /// <summary>Creates the layer; parameters are drawn from <paramref name="generator"/> or <see cref="Init.DefaultGenerator"/>.</summary>
    public ConvTranspose2d(int inChannels, int outChannels, int kernelSize, int stride = 1, int padding = 0, int outputPadding = 0,
        bool bias = true, int dilation = 1, Generator? generator = null)
    {
        if (inChannels < 1) throw new ArgumentOutOfRangeException(nameof(inChannels), inChannels, "must be positive");
        if (outChannels < 1) throw new ArgumentOutOfRangeException(nameof(outChannels), outChannels, "must be positive");
        if (kernelSize < 1) throw new ArgumentOutOfRangeException(nameof(kernelSize), kernelSize, "must be positive");
        InChannels = inChannels; OutChannels = outChannels; KernelSize = kernelSize;
        Stride = stride; Padding = padding; OutputPadding = outputPadding; Dilation = dilation;
        Weight = RegisterParameter("weight", Tensor.Zeros(inChannels, outChannels, kernelSize, kernelSize));
        if (bias) Bias = RegisterParameter("bias", Tensor.Zeros(outChannels));
        ResetParameters(generator);
    }

    /// <summary>Input channels.</summary>
    public int InChannels { get; }
    /// <summary>Output channels.</summary>
    public int OutChannels { get; }
    /// <summary>Kernel height and width.</summary>
    public int KernelSize { get; }
    /// <summary>Upsampling step.</summary>
    public int Stride { get; }
    /// <summary>Implicit padding removed from each side of the output.</summary>
    public int Padding { get; }
    /// <summary>Extra rows/columns added on one side of the output.</summary>
    public int OutputPadding { get; }
    /// <summary>Spacing between kernel taps.</summary>
    public int Dilation { get; }
    /// <summary>Weight [in, out, k, k].</summary>
    public Tensor Weight { get; }
    /// <summary>Bias [out], or null.</summary>
    public Tensor? Bias { get; }

    /// <summary>Redraws the parameters with PyTorch's default initialisation.</summary>
    public void ResetParameters(Generator? generator = null)
    {
        Init.KaimingUniform(Weight, Math.Sqrt(5), generator: generator);
        if (Bias is not null) LayerInit.FanInBias(Bias, Weight, generator);
    }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => F.ConvTranspose2d(input, Weight, Bias, Stride, Padding, OutputPadding, Dilation);

    /// <inheritdoc/>
    protected override string ExtraRepr()
    {
        var s = $"{InChannels}, {OutChannels}, kernel_size=({KernelSize}, {KernelSize}), stride=({Stride}, {Stride})";
        if (Padding != 0) s += $", padding=({Padding}, {Padding})";
        if (OutputPadding != 0) s += $", output_padding=({OutputPadding}, {OutputPadding})";
        if (Dilation != 1) s += $", dilation=({Dilation}, {Dilation})";
        if (Bias is null) s += ", bias=False";
        return s;
    }
}
