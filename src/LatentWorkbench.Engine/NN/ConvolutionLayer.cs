namespace LatentWorkbench.Engine.NN;

/// <summary>
/// What <see cref="Conv2d"/> and <see cref="ConvTranspose2d"/> share (TorchSharp's <c>Convolution</c>): channels, a
/// square kernel, stride, padding and dilation, the weight and optional bias, PyTorch's default initialisation
/// (weight and bias U(-1/sqrt(fan_in), 1/sqrt(fan_in)), fan_in computed from the weight tensor's layout), and the
/// printed form.
/// </summary>
public abstract class ConvolutionLayer : Module
{
    /// <summary>Validates the sizes, registers <c>weight</c> with <paramref name="weightShape"/> and <c>bias</c> [out], and initialises them.</summary>
    private protected ConvolutionLayer(int inChannels, int outChannels, int kernelSize, int stride, int padding, int dilation, bool bias,
        int[] weightShape, Generator? generator)
    {
        if (inChannels < 1) throw new ArgumentOutOfRangeException(nameof(inChannels), inChannels, "must be positive");
        if (outChannels < 1) throw new ArgumentOutOfRangeException(nameof(outChannels), outChannels, "must be positive");
        if (kernelSize < 1) throw new ArgumentOutOfRangeException(nameof(kernelSize), kernelSize, "must be positive");
        InChannels = inChannels; OutChannels = outChannels; KernelSize = kernelSize;
        Stride = stride; Padding = padding; Dilation = dilation;
        Weight = RegisterParameter("weight", Tensor.Zeros(weightShape));
        if (bias) Bias = RegisterParameter("bias", Tensor.Zeros(outChannels));
        ResetParameters(generator);
    }

    /// <summary>Channels of the input [N, in, H, W].</summary>
    public int InChannels { get; }
    /// <summary>Channels of the output [N, out, H', W'].</summary>
    public int OutChannels { get; }
    /// <summary>Kernel height and width.</summary>
    public int KernelSize { get; }
    /// <summary>Step between windows (for the transposed convolution: the upsampling step).</summary>
    public int Stride { get; }
    /// <summary>Zero padding on each side (for the transposed convolution: implicit padding removed from each side of the output).</summary>
    public int Padding { get; }
    /// <summary>Spacing between kernel taps.</summary>
    public int Dilation { get; }
    /// <summary>The weight, in PyTorch's layout for the layer.</summary>
    public Tensor Weight { get; }
    /// <summary>Bias [out], or null.</summary>
    public Tensor? Bias { get; }

    /// <summary>Redraws the parameters with PyTorch's default initialisation.</summary>
    public void ResetParameters(Generator? generator = null)
    {
        Init.KaimingUniform(Weight, Math.Sqrt(5), generator: generator);
        if (Bias is not null) LayerInit.FanInBias(Bias, Weight, generator);
    }

    /// <summary>Options printed between padding and dilation (the transposed convolution's output padding).</summary>
    private protected virtual string ExtraOptions() => "";

    /// <inheritdoc/>
    protected override string ExtraRepr()
    {
        var s = $"{InChannels}, {OutChannels}, kernel_size=({KernelSize}, {KernelSize}), stride=({Stride}, {Stride})";
        if (Padding != 0) s += $", padding=({Padding}, {Padding})";
        s += ExtraOptions();
        if (Dilation != 1) s += $", dilation=({Dilation}, {Dilation})";
        if (Bias is null) s += ", bias=False";
        return s;
    }
}
