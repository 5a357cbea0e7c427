using System.Numerics.Tensors;

namespace LatentWorkbench.Engine.Ops;

/// <summary>The element-wise binary operations with broadcasting.</summary>
internal enum BinaryOp { Add, Sub, Mul, Div, Pow, Max, Min }

/// <summary>Element-wise kernels: broadcasting binary ops over rows, SIMD via TensorPrimitives.</summary>
internal static class Elementwise
{
    public static Tensor Binary(Tensor a, Tensor b, BinaryOp op)
    {
        if (a.IsContiguous && b.IsContiguous)
        {
            if (ShapeMath.SameShape(a.Dims, b.Dims))
            {
                var r = Tensor.Uninitialized(a.Dims);
                SpanSpan(op, a.Data, b.Data, r.AsSpan());
                return r;
            }
            if (b.Numel == 1 && a.Rank >= b.Rank)
            {
                var r = Tensor.Uninitialized(a.Dims);
                SpanScalar(op, a.Data, b.Storage[b.Offset], r.AsSpan());
                return r;
            }
            if (a.Numel == 1 && b.Rank >= a.Rank)
            {
                var r = Tensor.Uninitialized(b.Dims);
                ScalarSpan(op, a.Storage[a.Offset], b.Data, r.AsSpan());
                return r;
            }
        }
        return BroadcastRows(a, b, op);
    }

    private static Tensor BroadcastRows(Tensor a, Tensor b, BinaryOp op)
    {
        var dims = ShapeMath.Broadcast(a.Dims, b.Dims);
        var result = Tensor.Uninitialized(dims);
        if (result.Numel == 0) return result;
        int rank = dims.Length;
        var sa = BroadcastStrides(a, dims);
        var sb = BroadcastStrides(b, dims);
        int inner = dims[rank - 1];
        int ia = sa[rank - 1], ib = sb[rank - 1];
        var output = result.AsSpan();
        float[] sA = a.Storage, sB = b.Storage;
        Span<int> counter = stackalloc int[rank];
        int rows = result.Numel / inner;
        for (int row = 0; row < rows; row++)
        {
            int offA = a.Offset, offB = b.Offset;
            for (int d = 0; d < rank - 1; d++) { offA += counter[d] * sa[d]; offB += counter[d] * sb[d]; }
            var dst = output.Slice(row * inner, inner);
            if (ia == 1 && ib == 1) SpanSpan(op, sA.AsSpan(offA, inner), sB.AsSpan(offB, inner), dst);
            else if (ia == 1 && ib == 0) SpanScalar(op, sA.AsSpan(offA, inner), sB[offB], dst);
            else if (ia == 0 && ib == 1) ScalarSpan(op, sA[offA], sB.AsSpan(offB, inner), dst);
            else for (int i = 0; i < inner; i++) dst[i] = Apply(op, sA[offA + i * ia], sB[offB + i * ib]);
            for (int d = rank - 2; d >= 0; d--)
            {
                if (++counter[d] < dims[d]) break;
                counter[d] = 0;
            }
        }
        return result;
    }

    /// <summary>Strides of <paramref name="t"/> viewed at the broadcast shape (0 along repeated dimensions).</summary>
    private static int[] BroadcastStrides(Tensor t, int[] dims)
    {
        var strides = new int[dims.Length];
        int lead = dims.Length - t.Rank;
        for (int i = lead; i < dims.Length; i++) strides[i] = t.Dims[i - lead] == 1 ? 0 : t.Strides[i - lead];
        return strides;
    }

    public static float Apply(BinaryOp op, float x, float y) => op switch
    {
        BinaryOp.Add => x + y,
        BinaryOp.Sub => x - y,
        BinaryOp.Mul => x * y,
        BinaryOp.Div => x / y,
        BinaryOp.Pow => MathF.Pow(x, y),
        BinaryOp.Max => MathF.Max(x, y),
        BinaryOp.Min => MathF.Min(x, y),
        _ => throw new ArgumentOutOfRangeException(nameof(op)),
    };

    private static void SpanSpan(BinaryOp op, ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> d)
    {
        switch (op)
        {
            case BinaryOp.Add: TensorPrimitives.Add(x, y, d); break;
            case BinaryOp.Sub: TensorPrimitives.Subtract(x, y, d); break;
            case BinaryOp.Mul: TensorPrimitives.Multiply(x, y, d); break;
            case BinaryOp.Div: TensorPrimitives.Divide(x, y, d); break;
            case BinaryOp.Pow: TensorPrimitives.Pow(x, y, d); break;
            case BinaryOp.Max: TensorPrimitives.Max(x, y, d); break;
            case BinaryOp.Min: TensorPrimitives.Min(x, y, d); break;
        }
    }

    private static void SpanScalar(BinaryOp op, ReadOnlySpan<float> x, float y, Span<float> d)
    {
        switch (op)
        {
            case BinaryOp.Add: TensorPrimitives.Add(x, y, d); break;
            case BinaryOp.Sub: TensorPrimitives.Subtract(x, y, d); break;
            case BinaryOp.Mul: TensorPrimitives.Multiply(x, y, d); break;
            case BinaryOp.Div: TensorPrimitives.Divide(x, y, d); break;
            case BinaryOp.Pow: TensorPrimitives.Pow(x, y, d); break;
            case BinaryOp.Max: TensorPrimitives.Max(x, y, d); break;
            case BinaryOp.Min: TensorPrimitives.Min(x, y, d); break;
        }
    }

    private static void ScalarSpan(BinaryOp op, float x, ReadOnlySpan<float> y, Span<float> d)
    {
        switch (op)
        {
            case BinaryOp.Add: TensorPrimitives.Add(y, x, d); break;
            case BinaryOp.Sub: TensorPrimitives.Subtract(x, y, d); break;
            case BinaryOp.Mul: TensorPrimitives.Multiply(y, x, d); break;
            case BinaryOp.Div: TensorPrimitives.Divide(x, y, d); break;
            case BinaryOp.Pow: TensorPrimitives.Pow(x, y, d); break;
            case BinaryOp.Max: TensorPrimitives.Max(y, x, d); break;
            case BinaryOp.Min: TensorPrimitives.Min(y, x, d); break;
        }
    }

    /// <summary>target += source in place (same number of elements), for gradient accumulation.</summary>
    public static void AddInPlace(Tensor target, Tensor source)
    {
        var t = target.AsSpan();
        if (source.IsContiguous) TensorPrimitives.Add(t, source.Data, t);
        else TensorPrimitives.Add(t, source.ContiguousCopy().Data, t);
    }

    /// <summary>Applies a unary kernel to a contiguous copy of <paramref name="x"/>'s values.</summary>
    public static Tensor Map(Tensor x, SpanAction kernel)
    {
        var source = x.IsContiguous ? x : x.ContiguousCopy();
        var result = Tensor.Uninitialized(x.Dims);
        kernel(source.Data, result.AsSpan());
        return result;
    }

    public delegate void SpanAction(ReadOnlySpan<float> input, Span<float> output);
}
