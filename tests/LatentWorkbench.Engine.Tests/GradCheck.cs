using LatentWorkbench.Engine;
using LatentWorkbench.Engine.Autograd;

namespace LatentWorkbench.Engine.Tests;

/// <summary>
/// Compares autograd gradients with central finite differences of a random projection of the output,
/// the loss being summed in double so float rounding stays below the difference step's signal.
/// </summary>
public static class GradCheck
{
    public static void Check(Func<Tensor[], Tensor> f, Tensor[] inputs, float eps = 1e-2f, double tolerance = 2e-2, ulong seed = 7)
    {
        foreach (var x in inputs) { x.RequiresGrad = true; x.Grad = null; }
        var output = f(inputs);
        var projection = Tensor.Randn(new Generator(seed), [.. output.Shape]);
        (output * projection).Sum().Backward();

        for (int which = 0; which < inputs.Length; which++)
        {
            var x = inputs[which];
            Assert.True(x.Grad is not null, $"input {which} received no gradient");
            var analytic = x.Grad!.ToArray();
            var data = x.AsSpan();
            for (int i = 0; i < data.Length; i++)
            {
                float saved = data[i];
                data[i] = saved + eps;
                double plus = Loss(f, inputs, projection);
                data = x.AsSpan();
                data[i] = saved - eps;
                double minus = Loss(f, inputs, projection);
                data = x.AsSpan();
                data[i] = saved;
                double numeric = (plus - minus) / (2 * eps);
                double error = Math.Abs(numeric - analytic[i]);
                double scale = Math.Max(1.0, Math.Abs(numeric));
                Assert.True(error <= tolerance * scale,
                    $"input {which} element {i}: autograd {analytic[i]:G6} vs finite difference {numeric:G6}");
            }
        }
    }

    private static double Loss(Func<Tensor[], Tensor> f, Tensor[] inputs, Tensor projection)
    {
        using var _ = GradMode.NoGrad();
        var y = f(inputs).ToArray();
        var w = projection.ToArray();
        double sum = 0;
        for (int i = 0; i < y.Length; i++) sum += (double)y[i] * w[i];
        return sum;
    }

    public static Tensor Random(ulong seed, params int[] shape) => Tensor.Randn(new Generator(seed), shape);

    /// <summary>Random values bounded away from zero (for log, sqrt, div).</summary>
    public static Tensor Positive(ulong seed, params int[] shape) => Tensor.Rand(new Generator(seed), shape, 0.5f, 2f);
}
