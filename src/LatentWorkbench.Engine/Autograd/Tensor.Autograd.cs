using LatentWorkbench.Engine.Autograd;

namespace LatentWorkbench.Engine;

public sealed partial class Tensor
{
    /// <summary>
    /// Computes gradients of this tensor with respect to every leaf that requires them and adds them to
    /// the leaves' <see cref="Grad"/>. A non-scalar tensor needs an explicit <paramref name="gradient"/>.
    /// </summary>
    public void Backward(Tensor? gradient = null, bool createGraph = false)
    {
        if (!RequiresGrad) throw new InvalidOperationException("Backward: this tensor does not require grad (no input had RequiresGrad, or it was computed under NoGrad)");
        if (gradient is null)
        {
            if (Numel != 1) throw new InvalidOperationException($"Backward without a gradient needs a scalar, this tensor has shape {ShapeMath.Format(Dims)}");
            gradient = Ones(Dims);
        }
        else if (!ShapeMath.SameShape(gradient.Dims, Dims))
            throw new ArgumentException($"Backward: gradient shape {ShapeMath.Format(gradient.Dims)} does not match tensor shape {ShapeMath.Format(Dims)}", nameof(gradient));
        Backprop.Run(this, gradient, createGraph);
    }

    /// <summary>
    /// Records <paramref name="result"/> as produced by an op on <paramref name="inputs"/> when autograd is on and
    /// any input requires grad. <paramref name="backward"/> maps the output gradient to one gradient per input.
    /// </summary>
    internal static void Record(Tensor result, string opName, Tensor[] inputs, Func<Tensor, Tensor?[]> backward)
    {
        if (!GradMode.IsEnabled) return;
        foreach (var x in inputs)
        {
            if (!x.RequiresGrad) continue;
            result._requiresGrad = true;
            result.GradFn = new GradNode(opName, inputs, backward);
            return;
        }
    }
}

/// <summary>Gradients as values, like torch.autograd.grad.</summary>
public static class Grad
{
    /// <summary>The gradients of <paramref name="output"/> with respect to <paramref name="inputs"/>, weighted by <paramref name="gradOutput"/>.</summary>
    public static Tensor[] Of(Tensor output, Tensor[] inputs, Tensor? gradOutput = null, bool createGraph = false)
    {
        if (!output.RequiresGrad) throw new InvalidOperationException("Grad.Of: output does not require grad");
        gradOutput ??= output.Numel == 1 ? Tensor.Ones(output.Dims) : throw new ArgumentException("Grad.Of needs gradOutput for a non-scalar output", nameof(gradOutput));
        var grads = Backprop.Run(output, gradOutput, createGraph, inputs)!;
        var result = new Tensor[inputs.Length];
        for (int i = 0; i < inputs.Length; i++) result[i] = grads[i] ?? Tensor.ZerosLike(inputs[i]);
        return result;
    }
}
