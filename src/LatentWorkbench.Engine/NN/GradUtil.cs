namespace LatentWorkbench.Engine.NN;

/// <summary>Gradient bookkeeping shared by modules and optimizers.</summary>
internal static class GradUtil
{
    /// <summary>
    /// Clears a parameter's gradient. Zero-filling keeps the buffer so the next backward accumulates into it without
    /// allocating; a gradient that is itself part of a graph (create_graph) is replaced rather than mutated.
    /// </summary>
    public static void Zero(Tensor parameter, bool setToNone)
    {
        var g = parameter.Grad;
        if (g is null) return;
        if (setToNone) { parameter.Grad = null; return; }
        if (g.IsLeaf && !g.RequiresGrad && g.IsContiguous && !ReferenceEquals(g.Storage, parameter.Storage)) g.AsSpan().Clear();
        else parameter.Grad = Tensor.Zeros(g.Dims);
    }

    /// <summary>The gradient's values as a contiguous read-only span (copying only if it is a strided view).</summary>
    public static ReadOnlySpan<float> Values(Tensor grad) => grad.IsContiguous ? grad.Data : grad.ContiguousCopy().Data;
}
