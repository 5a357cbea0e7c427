namespace LatentWorkbench.Engine.NN;

/// <summary>
/// 2-D transposed convolution over [N, C, H, W]; weight [in, out, k, k] (PyTorch layout), bias [out]. Initialised as
/// PyTorch: fan_in is computed from the weight tensor as for any weight, i.e. dim 1 (out) times k * k, and weight and
/// bias are U(-1/sqrt(fan_in), 1/sqrt(fan_in)).
/// </summary>
public sealed class ConvTranspose2d : ConvolutionLayer
{
    /// <summary>Creates the layer; parameters are drawn from <paramref name="generator"/> or <see cref="Init.DefaultGenerator"/>.</summary>
    public ConvTranspose2d(int inChannels, int outChannels, int kernelSize, int stride = 1, int padding = 0, int outputPadding = 0,
        bool bias = true, int dilation = 1, Generator? generator = null)
        : base(inChannels, outChannels, kernelSize, stride, padding, dilation, bias, [inChannels, outChannels, kernelSize, kernelSize], generator)
    {
        OutputPadding = outputPadding;
    }

    /// <summary>Extra rows/columns added on one side of the output.</summary>
    public int OutputPadding { get; }

    /// <summary>[N, out, H', W'] of <paramref name="input"/> [N, in, H, W], H' = (H - 1) stride - 2 padding + dilation (k - 1) + output padding + 1 (W' alike).</summary>
    public override Tensor Forward(Tensor input) => F.ConvTranspose2d(input, Weight, Bias, Stride, Padding, OutputPadding, Dilation);

    private protected override string ExtraOptions() => OutputPadding != 0 ? $", output_padding=({OutputPadding}, {OutputPadding})" : "";
}
