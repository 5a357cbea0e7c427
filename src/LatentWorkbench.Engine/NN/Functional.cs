namespace LatentWorkbench.Engine.NN;

/// <summary>
/// Stateless neural-network operations with gradients, in the spirit of torch.nn.functional.
/// The class is split by concept over Functional.*.cs; heavy kernels live in LatentWorkbench.Engine.Ops.
/// </summary>
public static partial class F
{
    /// <summary>max(x, 0).</summary>
    public static Tensor Relu(Tensor x) => x.Relu();

    /// <summary>x for x &gt; 0, slope * x otherwise.</summary>
    public static Tensor LeakyRelu(Tensor x, float negativeSlope = 0.01f) => x.LeakyRelu(negativeSlope);

    /// <summary>x for x &gt; 0, alpha * (e^x - 1) otherwise.</summary>
    public static Tensor Elu(Tensor x, float alpha = 1f)
    {
        var positive = x.Relu();
        var negative = (x.Minimum(Tensor.Scalar(0f)).Exp() - 1f) * alpha;
        return positive + negative;
    }

    /// <summary>The logistic function.</summary>
    public static Tensor Sigmoid(Tensor x) => x.Sigmoid();

    /// <summary>Hyperbolic tangent.</summary>
    public static Tensor Tanh(Tensor x) => x.Tanh();

    /// <summary>x * sigmoid(x).</summary>
    public static Tensor Silu(Tensor x) => x.Silu();

    /// <summary>log(1 + e^x).</summary>
    public static Tensor Softplus(Tensor x) => x.Softplus();

    /// <summary>Gaussian error linear unit (exact erf form).</summary>
    public static Tensor Gelu(Tensor x) => x.Gelu();

    /// <summary>Softmax along <paramref name="dim"/>.</summary>
    public static Tensor Softmax(Tensor x, int dim = -1) => x.Softmax(dim);

    /// <summary>log(softmax(x)) along <paramref name="dim"/>.</summary>
    public static Tensor LogSoftmax(Tensor x, int dim = -1) => x.LogSoftmax(dim);

    private static void CheckRank(string op, string argument, Tensor t, int rank, string layout)
    {
        if (t.Rank != rank)
            throw new ArgumentException($"{op}: {argument} has shape {ShapeMath.Format(t.Dims)}, expected rank {rank} {layout}", argument);
    }

    private static void CheckSameShape(string op, Tensor input, Tensor target)
    {
        if (!ShapeMath.SameShape(input.Dims, target.Dims))
            throw new ArgumentException($"{op}: input shape {ShapeMath.Format(input.Dims)} and target shape {ShapeMath.Format(target.Dims)} differ", nameof(target));
    }
}
