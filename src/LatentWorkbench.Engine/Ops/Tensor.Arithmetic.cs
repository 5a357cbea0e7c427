using LatentWorkbench.Engine.Ops;

namespace LatentWorkbench.Engine;

public sealed partial class Tensor
{
    /// <summary>Element-wise sum with broadcasting.</summary>
    public Tensor Add(Tensor other)
    {
        var r = Elementwise.Binary(this, other, BinaryOp.Add);
        int[] da = Dims, db = other.Dims;
        Record(r, "add", [this, other], g => [g.SumTo(da), g.SumTo(db)]);
        return r;
    }

    /// <summary>Element-wise difference with broadcasting.</summary>
    public Tensor Sub(Tensor other)
    {
        var r = Elementwise.Binary(this, other, BinaryOp.Sub);
        int[] da = Dims, db = other.Dims;
        Record(r, "sub", [this, other], g => [g.SumTo(da), g.Neg().SumTo(db)]);
        return r;
    }

    /// <summary>Element-wise product with broadcasting.</summary>
    public Tensor Mul(Tensor other)
    {
        var r = Elementwise.Binary(this, other, BinaryOp.Mul);
        var a = this;
        Record(r, "mul", [this, other], g => [
            a.RequiresGrad ? (g * other).SumTo(a.Dims) : null,
            other.RequiresGrad ? (g * a).SumTo(other.Dims) : null]);
        return r;
    }

    /// <summary>Element-wise quotient with broadcasting.</summary>
    public Tensor Div(Tensor other)
    {
        var r = Elementwise.Binary(this, other, BinaryOp.Div);
        var a = this;
        Record(r, "div", [this, other], g => [
            a.RequiresGrad ? (g / other).SumTo(a.Dims) : null,
            other.RequiresGrad ? (g * a / (other * other)).Neg().SumTo(other.Dims) : null]);
        return r;
    }

    /// <summary>Element-wise power with a constant exponent.</summary>
    public Tensor Pow(float exponent)
    {
        var r = Elementwise.Binary(this, Scalar(exponent), BinaryOp.Pow);
        var a = this;
        Record(r, "pow", [this], g => [exponent == 2f ? g * a * 2f : g * a.Pow(exponent - 1f) * exponent]);
        return r;
    }

    /// <summary>Element-wise power with a tensor exponent (base must be positive where the exponent's gradient is needed).</summary>
    public Tensor Pow(Tensor exponent)
    {
        var r = Elementwise.Binary(this, exponent, BinaryOp.Pow);
        var a = this;
        Record(r, "pow", [this, exponent], g => [
            a.RequiresGrad ? (g * exponent * a.Pow(exponent - 1f)).SumTo(a.Dims) : null,
            exponent.RequiresGrad ? (g * r.Detach() * a.Log()).SumTo(exponent.Dims) : null]);
        return r;
    }

    /// <summary>Element-wise maximum with broadcasting (ties send the gradient to this tensor).</summary>
    public Tensor Maximum(Tensor other)
    {
        var r = Elementwise.Binary(this, other, BinaryOp.Max);
        var a = this;
        Record(r, "maximum", [this, other], g =>
        {
            var mask = GreaterEqualMask(a, other);
            return [(g * mask).SumTo(a.Dims), (g * (1f - mask)).SumTo(other.Dims)];
        });
        return r;
    }

    /// <summary>Element-wise minimum with broadcasting (ties send the gradient to this tensor).</summary>
    public Tensor Minimum(Tensor other)
    {
        var r = Elementwise.Binary(this, other, BinaryOp.Min);
        var a = this;
        Record(r, "minimum", [this, other], g =>
        {
            var mask = GreaterEqualMask(other, a);
            return [(g * mask).SumTo(a.Dims), (g * (1f - mask)).SumTo(other.Dims)];
        });
        return r;
    }

    /// <summary>1 where a &gt;= b else 0, broadcast, without gradient.</summary>
    internal static Tensor GreaterEqualMask(Tensor a, Tensor b)
    {
        var diff = Elementwise.Binary(a, b, BinaryOp.Sub);
        var span = diff.AsSpan();
        for (int i = 0; i < span.Length; i++) span[i] = span[i] >= 0f ? 1f : 0f;
        return diff;
    }

    /// <summary>Negation.</summary>
    public Tensor Neg()
    {
        var r = Elementwise.Map(this, static (x, d) => System.Numerics.Tensors.TensorPrimitives.Negate(x, d));
        Record(r, "neg", [this], g => [g.Neg()]);
        return r;
    }

    public static Tensor operator +(Tensor a, Tensor b) => a.Add(b);
    public static Tensor operator -(Tensor a, Tensor b) => a.Sub(b);
    public static Tensor operator *(Tensor a, Tensor b) => a.Mul(b);
    public static Tensor operator /(Tensor a, Tensor b) => a.Div(b);
    public static Tensor operator -(Tensor a) => a.Neg();
    public static Tensor operator +(Tensor a, float b) => a.Add(Scalar(b));
    public static Tensor operator +(float a, Tensor b) => Scalar(a).Add(b);
    public static Tensor operator -(Tensor a, float b) => a.Add(Scalar(-b));
    public static Tensor operator -(float a, Tensor b) => Scalar(a).Sub(b);
    public static Tensor operator *(Tensor a, float b) => a.Mul(Scalar(b));
    public static Tensor operator *(float a, Tensor b) => b.Mul(Scalar(a));
    public static Tensor operator /(Tensor a, float b) => a.Mul(Scalar(1f / b));
    public static Tensor operator /(float a, Tensor b) => Scalar(a).Div(b);
}
