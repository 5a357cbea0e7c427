using LatentWorkbench.Engine.Autograd;
using LatentWorkbench.Engine.Ops;

namespace LatentWorkbench.Engine.NN;

public static partial class F
{
    /// <summary>
    /// 2-D convolution (cross-correlation, as in PyTorch) of input [N, C, H, W] with weight [O, C, kh, kw]
    /// and optional bias [O]. Only groups = 1 is supported.
    /// </summary>
    public static Tensor Conv2d(Tensor input, Tensor weight, Tensor? bias = null, int stride = 1, int padding = 0, int dilation = 1, int groups = 1) =>
        Conv2d(input, weight, bias, (stride, stride), (padding, padding), (dilation, dilation), groups);

    /// <summary>2-D convolution with separate (height, width) stride, padding and dilation.</summary>
    public static Tensor Conv2d(Tensor input, Tensor weight, Tensor? bias, (int H, int W) stride, (int H, int W) padding, (int H, int W) dilation, int groups = 1)
    {
        if (groups != 1) throw new NotSupportedException($"conv2d: groups = {groups} is not supported (only 1)");
        CheckRank("conv2d", nameof(input), input, 4, "[N, C, H, W]");
        CheckRank("conv2d", nameof(weight), weight, 4, "[out_channels, in_channels, kh, kw]");
        CheckConvParams("conv2d", stride, padding, dilation);
        int n = input.Dims[0], c = input.Dims[1], h = input.Dims[2], w = input.Dims[3];
        int o = weight.Dims[0], kh = weight.Dims[2], kw = weight.Dims[3];
        if (weight.Dims[1] != c)
            throw new ArgumentException($"conv2d: input {ShapeMath.Format(input.Dims)} has {c} channels but weight {ShapeMath.Format(weight.Dims)} expects {weight.Dims[1]}", nameof(weight));
        CheckBias("conv2d", bias, o);
        int oh = ConvGeometry.ConvOut(h, kh, stride.H, padding.H, dilation.H);
        int ow = ConvGeometry.ConvOut(w, kw, stride.W, padding.W, dilation.W);
        if (oh < 1 || ow < 1)
            throw new ArgumentException($"conv2d: input {ShapeMath.Format(input.Dims)} is too small for kernel {kh}x{kw} with padding ({padding.H}, {padding.W}) and dilation ({dilation.H}, {dilation.W})", nameof(input));
        var g = new ConvGeometry(n, c, h, w, o, oh, ow, kh, kw, stride.H, stride.W, padding.H, padding.W, dilation.H, dilation.W);
        return ConvForwardOp(input, weight, bias, g);
    }

    /// <summary>
    /// 2-D transposed convolution of input [N, C_in, H, W] with weight [C_in, C_out, kh, kw] (PyTorch layout) and optional
    /// bias [C_out]: the adjoint of <see cref="Conv2d(Tensor, Tensor, Tensor?, int, int, int, int)"/>. Output size per axis is
    /// (H - 1) * stride - 2 * padding + dilation * (k - 1) + outputPadding + 1.
    /// </summary>
    public static Tensor ConvTranspose2d(Tensor input, Tensor weight, Tensor? bias = null, int stride = 1, int padding = 0, int outputPadding = 0, int dilation = 1) =>
        ConvTranspose2d(input, weight, bias, (stride, stride), (padding, padding), (outputPadding, outputPadding), (dilation, dilation));

    /// <summary>2-D transposed convolution with separate (height, width) parameters.</summary>
    public static Tensor ConvTranspose2d(Tensor input, Tensor weight, Tensor? bias, (int H, int W) stride, (int H, int W) padding, (int H, int W) outputPadding, (int H, int W) dilation)
    {
        CheckRank("conv_transpose2d", nameof(input), input, 4, "[N, C, H, W]");
        CheckRank("conv_transpose2d", nameof(weight), weight, 4, "[in_channels, out_channels, kh, kw]");
        CheckConvParams("conv_transpose2d", stride, padding, dilation);
        if (outputPadding.H < 0 || outputPadding.W < 0
            || (outputPadding.H >= stride.H && outputPadding.H >= dilation.H) || (outputPadding.W >= stride.W && outputPadding.W >= dilation.W))
            throw new ArgumentException($"conv_transpose2d: outputPadding ({outputPadding.H}, {outputPadding.W}) must be non-negative and smaller than stride ({stride.H}, {stride.W}) or dilation", nameof(outputPadding));
        int n = input.Dims[0], c = input.Dims[1], h = input.Dims[2], w = input.Dims[3];
        int o = weight.Dims[1], kh = weight.Dims[2], kw = weight.Dims[3];
        if (weight.Dims[0] != c)
            throw new ArgumentException($"conv_transpose2d: input {ShapeMath.Format(input.Dims)} has {c} channels but weight {ShapeMath.Format(weight.Dims)} expects {weight.Dims[0]}", nameof(weight));
        CheckBias("conv_transpose2d", bias, o);
        int outH = (h - 1) * stride.H - 2 * padding.H + dilation.H * (kh - 1) + outputPadding.H + 1;
        int outW = (w - 1) * stride.W - 2 * padding.W + dilation.W * (kw - 1) + outputPadding.W + 1;
        if (outH < 1 || outW < 1)
            throw new ArgumentException($"conv_transpose2d: input {ShapeMath.Format(input.Dims)} with padding ({padding.H}, {padding.W}) gives an empty output ({outH}x{outW})", nameof(padding));
        // The transposed convolution's output is the image side of the convolution it is the adjoint of.
        var g = new ConvGeometry(n, o, outH, outW, c, h, w, kh, kw, stride.H, stride.W, padding.H, padding.W, dilation.H, dilation.W);
        return ConvAdjointOp(input, weight, bias, g);
    }

    // The three ops below are each other's gradients, so convolution gradients are themselves differentiable.

    /// <summary>features = conv(image, weight) + bias.</summary>
    private static Tensor ConvForwardOp(Tensor image, Tensor weight, Tensor? bias, ConvGeometry g)
    {
        image = image.Contiguous();
        weight = weight.Contiguous();
        var y = Tensor.Uninitialized([g.N, g.OutC, g.OutH, g.OutW]); // every element written
        Convolution.Forward(g, image.Data, weight.Data, y.AsSpan());
        if (bias is not null) Convolution.AddChannelBias(y.AsSpan(), bias.Contiguous().Data, g.N, g.OutC, g.OutH * g.OutW);
        var x = image; var w = weight;
        Tensor.Record(y, "conv2d", bias is null ? [x, w] : [x, w, bias], gy => [
            x.RequiresGrad ? ConvAdjointOp(gy, w, null, g) : null,
            w.RequiresGrad ? ConvWeightOp(x, gy, g) : null,
            bias is { RequiresGrad: true } ? ChannelSum(gy) : null]);
        return y;
    }

    /// <summary>image = conv_transpose(features, weight) + bias: the adjoint of <see cref="ConvForwardOp"/> in its first argument.</summary>
    private static Tensor ConvAdjointOp(Tensor features, Tensor weight, Tensor? bias, ConvGeometry g)
    {
        features = features.Contiguous();
        weight = weight.Contiguous();
        var x = Tensor.Uninitialized([g.N, g.InC, g.InH, g.InW]); // cleared by the adjoint
        Convolution.Adjoint(g, features.Data, weight.Data, x.AsSpan());
        if (bias is not null) Convolution.AddChannelBias(x.AsSpan(), bias.Contiguous().Data, g.N, g.InC, g.InH * g.InW);
        var y = features; var w = weight;
        Tensor.Record(x, "conv_transpose2d", bias is null ? [y, w] : [y, w, bias], gx => [
            y.RequiresGrad ? ConvForwardOp(gx, w, null, g) : null,
            w.RequiresGrad ? ConvWeightOp(gx, y, g) : null,
            bias is { RequiresGrad: true } ? ChannelSum(gx) : null]);
        return x;
    }

    /// <summary>The weight-shaped bilinear map (image, features) -> sum_n features[n] im2col(image[n])^T.</summary>
    private static Tensor ConvWeightOp(Tensor image, Tensor features, ConvGeometry g)
    {
        image = image.Contiguous();
        features = features.Contiguous();
        var dw = Tensor.Uninitialized([g.OutC, g.InC, g.Kh, g.Kw]); // cleared by the kernel
        Convolution.WeightGrad(g, image.Data, features.Data, dw.AsSpan());
        var x = image; var y = features;
        Tensor.Record(dw, "conv2d_weight", [x, y], h => [
            x.RequiresGrad ? ConvAdjointOp(y, h, null, g) : null,
            y.RequiresGrad ? ConvForwardOp(x, h, null, g) : null]);
        return dw;
    }

    /// <summary>The bias gradient: a [N, C, H, W] gradient summed to [C], one plane at a time unless the sum must be recorded.</summary>
    private static Tensor ChannelSum(Tensor grad)
    {
        if (GradMode.IsEnabled) return grad.Sum([0, 2, 3]);
        var gc = grad.IsContiguous ? grad : grad.ContiguousCopy();
        int n = gc.Dims[0], c = gc.Dims[1], plane = gc.Dims[2] * gc.Dims[3];
        var result = Tensor.Zeros(c);
        var r = result.AsSpan();
        var data = gc.Data;
        for (int i = 0; i < n; i++)
            for (int ch = 0; ch < c; ch++) r[ch] += System.Numerics.Tensors.TensorPrimitives.Sum(data.Slice((i * c + ch) * plane, plane));
        return result;
    }

    private static void CheckConvParams(string op, (int H, int W) stride, (int H, int W) padding, (int H, int W) dilation)
    {
        if (stride.H < 1 || stride.W < 1) throw new ArgumentOutOfRangeException(nameof(stride), $"{op}: stride must be positive, got ({stride.H}, {stride.W})");
        if (padding.H < 0 || padding.W < 0) throw new ArgumentOutOfRangeException(nameof(padding), $"{op}: padding must be non-negative, got ({padding.H}, {padding.W})");
        if (dilation.H < 1 || dilation.W < 1) throw new ArgumentOutOfRangeException(nameof(dilation), $"{op}: dilation must be positive, got ({dilation.H}, {dilation.W})");
    }

    private static void CheckBias(string op, Tensor? bias, int channels)
    {
        if (bias is not null && (bias.Rank != 1 || bias.Dims[0] != channels))
            throw new ArgumentException($"{op}: bias has shape {ShapeMath.Format(bias.Dims)}, expected [{channels}]", nameof(bias));
    }
}
