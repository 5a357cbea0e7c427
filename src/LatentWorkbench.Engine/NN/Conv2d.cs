namespace LatentWorkbench.Engine.NN;

/// <summary>
/// 2-D convolution over [N, C, H, W] with square kernels; weight [out, in, k, k], bias [out]. Initialised as PyTorch:
/// weight and bias U(-1/sqrt(fan_in), 1/sqrt(fan_in)) with fan_in = in * k * k.
/// </summary>
public sealed class Conv2d : ConvolutionLayer
{
    /// <summary>Creates the layer; parameters are drawn from <paramref name="generator"/> or <see cref="Init.DefaultGenerator"/>.</summary>
    public Conv2d(int inChannels, int outChannels, int kernelSize, int stride = 1, int padding = 0, int dilation = 1,
        bool bias = true, Generator? generator = null)
        : base(inChannels, outChannels, kernelSize, stride, padding, dilation, bias, [outChannels, inChannels, kernelSize, kernelSize], generator)
    {
    }

    /// <summary>[N, out, H', W'] of <paramref name="input"/> [N, in, H, W], H' = (H + 2 padding - dilation (k - 1) - 1) / stride + 1 (floored; W' alike).</summary>
    public override Tensor Forward(Tensor input) => F.Conv2d(input, Weight, Bias, Stride, Padding, Dilation);
}
