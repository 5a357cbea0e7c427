using System.Numerics;

namespace LatentWorkbench.Engine.Ops;

/// <summary>
/// Fused backward kernels of the point-wise activations: g * f'(x) in one pass over the output gradient and the
/// saved activation, with no mask or derivative tensors in between. Used when the backward pass itself is not
/// recorded (the usual case); create_graph keeps the composite, differentiable expressions.
/// </summary>
internal static class ActivationGrad
{
    /// <summary>dx = g where y &gt; 0, else 0 (y = relu(x); y &gt; 0 exactly where x &gt; 0).</summary>
    public static void Relu(ReadOnlySpan<float> g, ReadOnlySpan<float> y, Span<float> dx)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            int w = Vector<float>.Count;
            for (; i <= dx.Length - w; i += w)
            {
                var yi = new Vector<float>(y.Slice(i));
                Vector.ConditionalSelect(Vector.GreaterThan(yi, Vector<float>.Zero), new Vector<float>(g.Slice(i)), Vector<float>.Zero).CopyTo(dx.Slice(i));
            }
        }
        for (; i < dx.Length; i++) dx[i] = y[i] > 0f ? g[i] : 0f;
    }

    /// <summary>dx = g for x &gt; 0, slope * g otherwise.</summary>
    public static void LeakyRelu(ReadOnlySpan<float> g, ReadOnlySpan<float> x, float slope, Span<float> dx)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            int w = Vector<float>.Count;
            var vs = new Vector<float>(slope);
            for (; i <= dx.Length - w; i += w)
            {
                var gi = new Vector<float>(g.Slice(i));
                Vector.ConditionalSelect(Vector.GreaterThan(new Vector<float>(x.Slice(i)), Vector<float>.Zero), gi, gi * vs).CopyTo(dx.Slice(i));
            }
        }
        for (; i < dx.Length; i++) dx[i] = g[i] * (x[i] > 0f ? 1f : slope);
    }

    /// <summary>dx = (g * y) * (1 - y) for y = sigmoid(x), in the composite expression's order.</summary>
    public static void Sigmoid(ReadOnlySpan<float> g, ReadOnlySpan<float> y, Span<float> dx)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            int w = Vector<float>.Count;
            for (; i <= dx.Length - w; i += w)
            {
                var yi = new Vector<float>(y.Slice(i));
                (new Vector<float>(g.Slice(i)) * yi * (Vector<float>.One - yi)).CopyTo(dx.Slice(i));
            }
        }
        for (; i < dx.Length; i++) dx[i] = g[i] * y[i] * (1f - y[i]);
    }

    /// <summary>dx = g * (1 - y^2) for y = tanh(x).</summary>
    public static void Tanh(ReadOnlySpan<float> g, ReadOnlySpan<float> y, Span<float> dx)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            int w = Vector<float>.Count;
            for (; i <= dx.Length - w; i += w)
            {
                var yi = new Vector<float>(y.Slice(i));
                (new Vector<float>(g.Slice(i)) * (Vector<float>.One - yi * yi)).CopyTo(dx.Slice(i));
            }
        }
        for (; i < dx.Length; i++) dx[i] = g[i] * (1f - y[i] * y[i]);
    }

    public delegate void Kernel(ReadOnlySpan<float> g, ReadOnlySpan<float> saved, Span<float> dx);

    /// <summary>Applies a fused kernel to an output gradient (any layout) and a contiguous saved tensor.</summary>
    public static Tensor Apply(Tensor g, Tensor saved, Kernel kernel)
    {
        var gc = g.IsContiguous ? g : g.ContiguousCopy();
        var dx = Tensor.Uninitialized(saved.Dims);
        kernel(gc.Data, saved.Data, dx.AsSpan());
        return dx;
    }
}
