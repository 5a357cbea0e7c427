namespace LatentWorkbench.Engine.Kernels;

/// <summary>A point-wise activation the managed GEMM can apply to C while a row strip is still in cache.</summary>
internal enum GemmActivation
{
    /// <summary>Leave C as computed.</summary>
    None,

    /// <summary>max(x, 0).</summary>
    Relu,

    /// <summary>x for x &gt; 0, slope * x otherwise.</summary>
    LeakyRelu,

    /// <summary>1 / (1 + exp(-x)).</summary>
    Sigmoid,

    /// <summary>tanh(x).</summary>
    Tanh,
}
