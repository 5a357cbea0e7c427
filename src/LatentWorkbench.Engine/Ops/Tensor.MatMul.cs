using LatentWorkbench.Engine.Kernels;

namespace LatentWorkbench.Engine;

public sealed partial class Tensor
{
    /// <summary>
    /// Matrix product over the last two dimensions. Shapes: [n,k]@[k,m]; batched [...,n,k]@[...,k,m] with equal
    /// batch dimensions; or [...,n,k]@[k,m] sharing one right-hand matrix. 1-D operands act as vectors.
    /// </summary>
    public Tensor MatMul(Tensor other)
    {
        if (Rank == 1) return Unsqueeze(0).MatMul(other).Squeeze(-2);
        if (other.Rank == 1) return MatMul(other.Unsqueeze(1)).Squeeze(-1);
        int n = Dims[^2], k = Dims[^1], k2 = other.Dims[^2], m = other.Dims[^1];
        if (k != k2) throw new ArgumentException($"matmul: inner dimensions differ: {ShapeMath.Format(Dims)} @ {ShapeMath.Format(other.Dims)}");

        if (other.Rank == 2)
        {
            // Fold batch dimensions into rows: one GEMM.
            var a2 = Rank == 2 ? this : Reshape(-1, k);
            var r2 = MatMul2D(a2, other);
            var outDims = (int[])Dims.Clone();
            outDims[^1] = m;
            return Rank == 2 ? r2 : r2.Reshape(outDims);
        }
        if (Rank != other.Rank || !Dims.AsSpan(0, Rank - 2).SequenceEqual(other.Dims.AsSpan(0, Rank - 2)))
        {
            if (Rank == 2) return other.T.MatMul(T).T; // [n,k] @ [...,k,m] = ([...,m,k] @ [k,n])^T
            throw new ArgumentException($"matmul: batch dimensions differ: {ShapeMath.Format(Dims)} @ {ShapeMath.Format(other.Dims)}");
        }
        return BatchedMatMul(this, other, n, k, m);
    }

    /// <summary>Static form of the matrix product, a.MatMul(b).</summary>
    public static Tensor MatMul(Tensor a, Tensor b) => a.MatMul(b);

    /// <summary>A 2-D operand as a GEMM argument: a buffer, its leading dimension, and whether it is stored transposed.</summary>
    private readonly record struct GemmOperand(float[] Buffer, int Offset, int Ld, bool Transposed);

    private static GemmOperand AsGemmOperand(Tensor t)
    {
        // A plain transpose of a contiguous matrix is passed to GEMM as-is, with the transpose flag.
        if (t.Strides[1] == 1 && t.Strides[0] >= t.Dims[1]) return new(t.Storage, t.Offset, Math.Max(t.Strides[0], 1), false);
        if (t.Strides[0] == 1 && t.Strides[1] >= t.Dims[0]) return new(t.Storage, t.Offset, Math.Max(t.Strides[1], 1), true);
        var c = t.ContiguousCopy();
        return new(c.Storage, 0, Math.Max(c.Dims[1], 1), false);
    }

    /// <summary>C = A @ B for 2-D operands without recording (used by forward and backward rules).</summary>
    internal static Tensor MatMulRaw(Tensor a, Tensor b)
    {
        int n = a.Dims[0], k = a.Dims[1], m = b.Dims[1];
        var r = Zeros(n, m);
        if (n == 0 || m == 0) return r;
        if (k == 0) return r;
        var ga = AsGemmOperand(a);
        var gb = AsGemmOperand(b);
        Gemm.Sgemm(ga.Transposed, gb.Transposed, n, m, k, 1f,
            ga.Buffer.AsSpan(ga.Offset), ga.Ld, gb.Buffer.AsSpan(gb.Offset), gb.Ld, 0f, r.AsSpan(), m);
        return r;
    }

    private static Tensor MatMul2D(Tensor a, Tensor b)
    {
        var r = MatMulRaw(a, b);
        Record(r, "matmul", [a, b], g => [
            a.RequiresGrad ? (Autograd.GradMode.IsEnabled ? g.MatMul(b.T) : MatMulRaw(g, b.T)) : null,
            b.RequiresGrad ? (Autograd.GradMode.IsEnabled ? a.T.MatMul(g) : MatMulRaw(a.T, g)) : null]);
        return r;
    }

    private static Tensor BatchedMatMul(Tensor a, Tensor b, int n, int k, int m)
    {
        var ac = a.Contiguous().Detach();
        var bc = b.Contiguous().Detach();
        int batch = a.Numel / Math.Max(n * k, 1);
        var outDims = (int[])a.Dims.Clone();
        outDims[^1] = m;
        var r = Zeros(outDims);
        var dst = r.AsSpan();
        for (int i = 0; i < batch; i++)
        {
            Gemm.Sgemm(false, false, n, m, k, 1f, ac.Data.Slice(i * n * k, n * k), k, bc.Data.Slice(i * k * m, k * m), m,
                0f, dst.Slice(i * n * m, n * m), m);
        }
        Record(r, "bmm", [a, b], g => [
            a.RequiresGrad ? g.MatMul(b.Transpose(-2, -1)) : null,
            b.RequiresGrad ? a.Transpose(-2, -1).MatMul(g) : null]);
        return r;
    }
}
