using System.Numerics.Tensors;
using LatentWorkbench.Engine.Ops;

namespace LatentWorkbench.Engine;

public sealed partial class Tensor
{
    /// <summary>e^x.</summary>
    public Tensor Exp()
    {
        var r = Elementwise.Map(this, static (x, d) => TensorPrimitives.Exp(x, d));
        Record(r, "exp", [this], g => [g * r]);
        return r;
    }

    /// <summary>Natural logarithm.</summary>
    public Tensor Log()
    {
        var r = Elementwise.Map(this, static (x, d) => TensorPrimitives.Log(x, d));
        var a = this;
        Record(r, "log", [this], g => [g / a]);
        return r;
    }

    /// <summary>Square root.</summary>
    public Tensor Sqrt()
    {
        var r = Elementwise.Map(this, static (x, d) => TensorPrimitives.Sqrt(x, d));
        Record(r, "sqrt", [this], g => [g / (r * 2f)]);
        return r;
    }

    /// <summary>Absolute value (gradient sign(x), 0 at 0).</summary>
    public Tensor Abs()
    {
        var r = Elementwise.Map(this, static (x, d) => TensorPrimitives.Abs(x, d));
        var a = this;
        Record(r, "abs", [this], g => [g * a.Detach().MapNoGrad(static v => MathF.Sign(v))]);
        return r;
    }

    /// <summary>Limits values to [min, max]; either bound may be omitted.</summary>
    public Tensor Clamp(float? min = null, float? max = null)
    {
        float lo = min ?? float.NegativeInfinity, hi = max ?? float.PositiveInfinity;
        if (lo > hi) throw new ArgumentException($"clamp: min {lo} is greater than max {hi}");
        var r = Elementwise.Map(this, (x, d) => TensorPrimitives.Clamp(x, lo, hi, d));
        var a = this;
        Record(r, "clamp", [this], g => [g * a.Detach().MapNoGrad(v => v >= lo && v <= hi ? 1f : 0f)]);
        return r;
    }

    /// <summary>max(x, 0).</summary>
    public Tensor Relu()
    {
        var r = Elementwise.Map(this, static (x, d) => TensorPrimitives.Max(x, 0f, d));
        Record(r, "relu", [this], g => [Autograd.GradMode.IsEnabled
            ? g * r.Detach().MapNoGrad(static v => v > 0f ? 1f : 0f)
            : ActivationGrad.Apply(g, r, ActivationGrad.Relu)]);
        return r;
    }

    /// <summary>x for x &gt; 0, slope * x otherwise.</summary>
    public Tensor LeakyRelu(float negativeSlope = 0.01f)
    {
        var r = Elementwise.Map(this, (x, d) =>
        {
            for (int i = 0; i < x.Length; i++) d[i] = x[i] > 0f ? x[i] : negativeSlope * x[i];
        });
        var a = this;
        Record(r, "leaky_relu", [this], g =>
        {
            if (Autograd.GradMode.IsEnabled) return [g * a.Detach().MapNoGrad(v => v > 0f ? 1f : negativeSlope)];
            var ac = a.IsContiguous ? a : a.ContiguousCopy();
            return [ActivationGrad.Apply(g, ac, (gs, xs, dx) => ActivationGrad.LeakyRelu(gs, xs, negativeSlope, dx))];
        });
        return r;
    }

    /// <summary>The logistic function 1 / (1 + e^-x).</summary>
    public Tensor Sigmoid()
    {
        var r = Elementwise.Map(this, static (x, d) => TensorPrimitives.Sigmoid(x, d));
        Record(r, "sigmoid", [this], g => [Autograd.GradMode.IsEnabled ? g * r * (1f - r) : ActivationGrad.Apply(g, r, ActivationGrad.Sigmoid)]);
        return r;
    }

    /// <summary>Hyperbolic tangent.</summary>
    public Tensor Tanh()
    {
        var r = Elementwise.Map(this, static (x, d) => TensorPrimitives.Tanh(x, d));
        Record(r, "tanh", [this], g => [Autograd.GradMode.IsEnabled ? g * (1f - r * r) : ActivationGrad.Apply(g, r, ActivationGrad.Tanh)]);
        return r;
    }

    /// <summary>x * sigmoid(x).</summary>
    public Tensor Silu()
    {
        var a = this;
        var s = Elementwise.Map(this, static (x, d) => TensorPrimitives.Sigmoid(x, d));
        var r = Elementwise.Binary(a.IsContiguous ? a : a.ContiguousCopy(), s, BinaryOp.Mul);
        Record(r, "silu", [this], g => { var sg = a.Sigmoid(); return [g * (sg + a * sg * (1f - sg))]; });
        return r;
    }

    /// <summary>log(1 + e^x), linear above 20 as in PyTorch.</summary>
    public Tensor Softplus()
    {
        var r = MapNoGrad(static v => v > 20f ? v : MathF.Log(1f + MathF.Exp(v)));
        var a = this;
        Record(r, "softplus", [this], g => [g * a.Sigmoid()]);
        return r;
    }

    /// <summary>Gaussian error linear unit, exact erf form (PyTorch's default).</summary>
    public Tensor Gelu()
    {
        var r = MapNoGrad(static v => 0.5f * v * (1f + SpecialFunctions.Erf(v * 0.70710678f)));
        var a = this;
        Record(r, "gelu", [this], g =>
        {
            var d = a.Detach().MapNoGrad(static v =>
                0.5f * (1f + SpecialFunctions.Erf(v * 0.70710678f)) + v * 0.39894228f * MathF.Exp(-0.5f * v * v));
            return [g * d];
        });
        return r;
    }

    /// <summary>Applies a scalar function element-wise with no gradient (for masks and derivatives).</summary>
    internal Tensor MapNoGrad(Func<float, float> f)
    {
        var source = IsContiguous ? this : ContiguousCopy();
        var result = Uninitialized(Dims);
        var src = source.Data;
        var dst = result.AsSpan();
        for (int i = 0; i < dst.Length; i++) dst[i] = f(src[i]);
        return result;
    }
}
