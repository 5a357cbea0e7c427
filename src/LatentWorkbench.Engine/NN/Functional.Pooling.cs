using LatentWorkbench.Engine.Ops;

namespace LatentWorkbench.Engine.NN;

public static partial class F
{
    /// <summary>Max pooling of [N, C, H, W] with a square kernel; stride defaults to the kernel size.</summary>
    public static Tensor MaxPool2d(Tensor input, int kernelSize, int? stride = null, int padding = 0) =>
        MaxPool2dWithIndices(input, kernelSize, stride, padding).Output;

    /// <summary>
    /// Max pooling that also returns, per output element, the flat index (row * W + col) of the chosen input
    /// element within its [H, W] plane, as PyTorch's return_indices.
    /// </summary>
    public static (Tensor Output, int[] Indices) MaxPool2dWithIndices(Tensor input, int kernelSize, int? stride = null, int padding = 0)
    {
        var win = SlidingWindows("max_pool2d", input, kernelSize, stride ?? kernelSize, padding, countIncludePad: true);
        var x = input.Contiguous();
        int n = input.Dims[0], c = input.Dims[1], planes = n * c;
        var y = Tensor.Zeros(n, c, win.OutH, win.OutW);
        var argmax = new int[y.Numel];
        Pooling.MaxForward(win, planes, x.Data, y.AsSpan(), argmax);
        int[] inDims = x.Dims;
        Tensor.Record(y, "max_pool2d", [x], g => [ScatterArgmaxOp(g, argmax, inDims, win.OutH * win.OutW)]);
        return (y, argmax);
    }

    /// <summary>Routes each gradient element to its argmax position; recorded so max-pool gradients are differentiable.</summary>
    private static Tensor ScatterArgmaxOp(Tensor g, int[] argmax, int[] inDims, int outPlane)
    {
        g = g.Contiguous();
        int inPlane = inDims[2] * inDims[3], planes = inDims[0] * inDims[1];
        var dx = Tensor.Zeros(inDims);
        Pooling.ScatterArgmax(planes, inPlane, outPlane, argmax, g.Data, dx.AsSpan());
        int[] outDims = g.Dims;
        Tensor.Record(dx, "max_pool2d_backward", [g], h =>
        {
            var hc = h.Contiguous().Detach();
            var gathered = Tensor.Zeros(outDims);
            Pooling.GatherArgmax(planes, inPlane, outPlane, argmax, hc.Data, gathered.AsSpan());
            return [gathered];
        });
        return dx;
    }

    /// <summary>
    /// Average pooling of [N, C, H, W] with a square kernel; stride defaults to the kernel size. With
    /// <paramref name="countIncludePad"/> (PyTorch's default) padded zeros count towards the divisor.
    /// </summary>
    public static Tensor AvgPool2d(Tensor input, int kernelSize, int? stride = null, int padding = 0, bool countIncludePad = true)
    {
        var win = SlidingWindows("avg_pool2d", input, kernelSize, stride ?? kernelSize, padding, countIncludePad);
        return WindowMeanOp(input, win, "avg_pool2d");
    }

    /// <summary>Adaptive average pooling of [N, C, H, W] to [N, C, outH, outW] (PyTorch's window rule).</summary>
    public static Tensor AdaptiveAvgPool2d(Tensor input, int outputHeight, int outputWidth)
    {
        CheckRank("adaptive_avg_pool2d", nameof(input), input, 4, "[N, C, H, W]");
        if (outputHeight < 1 || outputWidth < 1)
            throw new ArgumentOutOfRangeException(nameof(outputHeight), $"adaptive_avg_pool2d: output size must be positive, got {outputHeight}x{outputWidth}");
        var win = PoolWindows.Adaptive(input.Dims[2], input.Dims[3], outputHeight, outputWidth);
        return WindowMeanOp(input, win, "adaptive_avg_pool2d");
    }

    /// <summary>Global average pooling of [N, C, H, W] to [N, C, 1, 1].</summary>
    public static Tensor AdaptiveAvgPool2d(Tensor input, int outputSize = 1) => AdaptiveAvgPool2d(input, outputSize, outputSize);

    private static Tensor WindowMeanOp(Tensor input, PoolWindows win, string name)
    {
        var x = input.Contiguous();
        int n = x.Dims[0], c = x.Dims[1];
        var y = Tensor.Zeros(n, c, win.OutH, win.OutW);
        Pooling.MeanForward(win, n * c, x.Data, y.AsSpan());
        int[] inDims = x.Dims;
        Tensor.Record(y, name, [x], g => [WindowMeanAdjointOp(g, win, inDims, name)]);
        return y;
    }

    /// <summary>The adjoint of a window mean; its own gradient is the window mean again.</summary>
    private static Tensor WindowMeanAdjointOp(Tensor g, PoolWindows win, int[] inDims, string name)
    {
        g = g.Contiguous();
        var dx = Tensor.Zeros(inDims);
        Pooling.MeanAdjoint(win, inDims[0] * inDims[1], g.Data, dx.AsSpan());
        Tensor.Record(dx, name + "_backward", [g], h => [WindowMeanOp(h, win, name)]);
        return dx;
    }

    /// <summary>Nearest-neighbour upsampling of [N, C, H, W] by integer factors (each pixel becomes a block).</summary>
    public static Tensor UpsampleNearest2d(Tensor input, int scaleFactor) => UpsampleNearest2d(input, scaleFactor, scaleFactor);

    /// <summary>Nearest-neighbour upsampling with separate height and width factors.</summary>
    public static Tensor UpsampleNearest2d(Tensor input, int scaleHeight, int scaleWidth)
    {
        CheckRank("upsample_nearest2d", nameof(input), input, 4, "[N, C, H, W]");
        if (scaleHeight < 1 || scaleWidth < 1)
            throw new ArgumentOutOfRangeException(nameof(scaleHeight), $"upsample_nearest2d: scale factors must be positive integers, got {scaleHeight}x{scaleWidth}");
        int n = input.Dims[0], c = input.Dims[1], h = input.Dims[2], w = input.Dims[3];
        // A broadcast view repeats each pixel; expand's gradient (a block sum) comes for free and is differentiable.
        return input.Reshape(n, c, h, 1, w, 1).Expand(n, c, h, scaleHeight, w, scaleWidth).Reshape(n, c, h * scaleHeight, w * scaleWidth);
    }

    private static PoolWindows SlidingWindows(string op, Tensor input, int kernel, int stride, int padding, bool countIncludePad)
    {
        CheckRank(op, nameof(input), input, 4, "[N, C, H, W]");
        if (kernel < 1) throw new ArgumentOutOfRangeException(nameof(kernel), kernel, $"{op}: kernel size must be positive");
        if (stride < 1) throw new ArgumentOutOfRangeException(nameof(stride), stride, $"{op}: stride must be positive");
        if (padding < 0 || padding > kernel / 2)
            throw new ArgumentOutOfRangeException(nameof(padding), padding, $"{op}: padding must be between 0 and half the kernel size ({kernel / 2})");
        int h = input.Dims[2], w = input.Dims[3];
        if (h + 2 * padding < kernel || w + 2 * padding < kernel)
            throw new ArgumentException($"{op}: input {ShapeMath.Format(input.Dims)} is smaller than the {kernel}x{kernel} kernel (padding {padding})", nameof(input));
        return PoolWindows.Sliding(h, w, kernel, kernel, stride, stride, padding, padding, countIncludePad);
    }
}
