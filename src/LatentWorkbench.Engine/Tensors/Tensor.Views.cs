namespace LatentWorkbench.Engine;

public sealed partial class Tensor
{
    /// <summary>This tensor if contiguous, else a contiguous copy (gradients flow through).</summary>
    public Tensor Contiguous()
    {
        if (IsContiguous) return this;
        var result = ContiguousCopy();
        Record(result, "contiguous", [this], g => [g]);
        return result;
    }

    /// <summary>The same elements with a new shape; one dimension may be -1 (inferred). A view when possible.</summary>
    public Tensor Reshape(params int[] shape)
    {
        var dims = InferShape(shape);
        var source = IsContiguous ? this : Contiguous();
        var result = new Tensor(source.Buffer, source.Offset, dims, ShapeMath.ContiguousStrides(dims));
        var inputDims = Dims;
        Record(result, "reshape", [source], g => [g.Reshape(inputDims)]);
        return result;
    }

    /// <summary>Alias of <see cref="Reshape"/>, as in PyTorch.</summary>
    public Tensor View(params int[] shape) => Reshape(shape);

    /// <summary>Collapses dimensions startDim..endDim into one.</summary>
    public Tensor Flatten(int startDim = 0, int endDim = -1)
    {
        int s = ShapeMath.Axis(startDim, Math.Max(Rank, 1)), e = ShapeMath.Axis(endDim, Math.Max(Rank, 1));
        if (Rank == 0) return Reshape(1);
        var dims = new List<int>();
        for (int i = 0; i < s; i++) dims.Add(Dims[i]);
        int merged = 1;
        for (int i = s; i <= e; i++) merged *= Dims[i];
        dims.Add(merged);
        for (int i = e + 1; i < Rank; i++) dims.Add(Dims[i]);
        return Reshape([.. dims]);
    }

    private int[] InferShape(int[] shape)
    {
        var dims = (int[])shape.Clone();
        int inferred = -1, known = 1;
        for (int i = 0; i < dims.Length; i++)
        {
            if (dims[i] == -1)
            {
                if (inferred >= 0) throw new ArgumentException($"reshape: only one dimension can be -1, got {ShapeMath.Format(shape)}");
                inferred = i;
            }
            else known *= dims[i];
        }
        if (inferred >= 0)
        {
            if (known == 0 || Numel % known != 0) throw new ArgumentException($"reshape: cannot view {ShapeMath.Format(Dims)} ({Numel} elements) as {ShapeMath.Format(shape)}");
            dims[inferred] = Numel / known;
        }
        if (ShapeMath.Numel(dims) != Numel) throw new ArgumentException($"reshape: cannot view {ShapeMath.Format(Dims)} ({Numel} elements) as {ShapeMath.Format(shape)}");
        return dims;
    }

    /// <summary>Reorders the dimensions (a view).</summary>
    public Tensor Permute(params int[] order)
    {
        if (order.Length != Rank) throw new ArgumentException($"permute: order has {order.Length} entries, tensor has rank {Rank}");
        var dims = new int[Rank];
        var strides = new int[Rank];
        var seen = new bool[Rank];
        for (int i = 0; i < Rank; i++)
        {
            int a = ShapeMath.Axis(order[i], Rank, nameof(order));
            if (seen[a]) throw new ArgumentException($"permute: axis {a} repeated in {ShapeMath.Format(order)}");
            seen[a] = true;
            dims[i] = Dims[a];
            strides[i] = Strides[a];
        }
        var result = new Tensor(Buffer, Offset, dims, strides);
        var inverse = new int[Rank];
        for (int i = 0; i < Rank; i++) inverse[ShapeMath.Axis(order[i], Rank)] = i;
        Record(result, "permute", [this], g => [g.Permute(inverse)]);
        return result;
    }

    /// <summary>Swaps two dimensions (a view).</summary>
    public Tensor Transpose(int dim0, int dim1)
    {
        var order = new int[Rank];
        for (int i = 0; i < Rank; i++) order[i] = i;
        int a = ShapeMath.Axis(dim0, Rank), b = ShapeMath.Axis(dim1, Rank);
        (order[a], order[b]) = (order[b], order[a]);
        return Permute(order);
    }

    /// <summary>The transpose of a matrix (swaps the last two dimensions).</summary>
    public Tensor T => Rank < 2 ? this : Transpose(-2, -1);

    /// <summary>Elements start..end (exclusive) with a step along one dimension (a view).</summary>
    public Tensor Slice(int dim, int start, int end, int step = 1)
    {
        int d = ShapeMath.Axis(dim, Rank);
        int size = Dims[d];
        if (start < 0) start += size;
        if (end < 0) end += size;
        start = Math.Clamp(start, 0, size);
        end = Math.Clamp(end, start, size);
        if (step <= 0) throw new ArgumentOutOfRangeException(nameof(step), step, "slice step must be positive");
        var dims = (int[])Dims.Clone();
        var strides = (int[])Strides.Clone();
        dims[d] = (end - start + step - 1) / step;
        strides[d] = Strides[d] * step;
        var result = new Tensor(Buffer, Offset + start * Strides[d], dims, strides);
        var inputDims = Dims;
        Record(result, "slice", [this], g =>
        {
            var full = Zeros(inputDims);
            full.SliceNoGrad(d, start, end, step).CopyStridedFrom(g);
            return [full];
        });
        return result;
    }

    /// <summary>Alias of <see cref="Slice"/> with a length, as in PyTorch's narrow.</summary>
    public Tensor Narrow(int dim, int start, int length) => Slice(dim, start, start + length);

    private Tensor SliceNoGrad(int d, int start, int end, int step)
    {
        var dims = (int[])Dims.Clone();
        var strides = (int[])Strides.Clone();
        dims[d] = (end - start + step - 1) / step;
        strides[d] = Strides[d] * step;
        return new Tensor(Buffer, Offset + start * Strides[d], dims, strides);
    }

    /// <summary>Writes a same-shaped tensor's values into this (possibly strided) view.</summary>
    internal void CopyStridedFrom(Tensor source)
    {
        var src = source.IsContiguous ? source : source.ContiguousCopy();
        var values = src.Data;
        if (IsContiguous) { values.CopyTo(AsSpan()); return; }
        int rank = Rank;
        if (Numel == 0) return;
        int inner = Dims[rank - 1], innerStride = Strides[rank - 1];
        Span<int> counter = stackalloc int[rank];
        int outer = Numel / inner, k = 0;
        var storage = Storage;
        for (int o = 0; o < outer; o++)
        {
            int dst = Offset;
            for (int d = 0; d < rank - 1; d++) dst += counter[d] * Strides[d];
            for (int i = 0; i < inner; i++) storage[dst + i * innerStride] = values[k++];
            for (int d = rank - 2; d >= 0; d--)
            {
                if (++counter[d] < Dims[d]) break;
                counter[d] = 0;
            }
        }
    }

    /// <summary>The sub-tensor at <paramref name="index"/> along <paramref name="dim"/>, with that dimension removed (a view).</summary>
    public Tensor Select(int dim, int index)
    {
        int d = ShapeMath.Axis(dim, Rank);
        if (index < 0) index += Dims[d];
        if ((uint)index >= (uint)Dims[d]) throw new IndexOutOfRangeException($"select: index {index} out of range for dimension {d} of size {Dims[d]}");
        return Slice(d, index, index + 1).Squeeze(d);
    }

    /// <summary>Inserts a dimension of size one at <paramref name="dim"/>.</summary>
    public Tensor Unsqueeze(int dim)
    {
        int d = dim < 0 ? dim + Rank + 1 : dim;
        if (d < 0 || d > Rank) throw new ArgumentOutOfRangeException(nameof(dim), dim, $"unsqueeze position out of range for rank {Rank}");
        var dims = new List<int>(Dims);
        dims.Insert(d, 1);
        return Reshape([.. dims]);
    }

    /// <summary>Removes a dimension of size one (or all of them when <paramref name="dim"/> is null).</summary>
    public Tensor Squeeze(int? dim = null)
    {
        var dims = new List<int>();
        int target = dim is int dd ? ShapeMath.Axis(dd, Rank) : -1;
        for (int i = 0; i < Rank; i++)
        {
            bool drop = Dims[i] == 1 && (target < 0 || target == i);
            if (!drop) dims.Add(Dims[i]);
        }
        if (dims.Count == Rank) return this;
        // Keep strides of the remaining dimensions so a squeezed view stays a view.
        var strides = new List<int>();
        for (int i = 0; i < Rank; i++) if (!(Dims[i] == 1 && (target < 0 || target == i))) strides.Add(Strides[i]);
        var result = new Tensor(Buffer, Offset, [.. dims], [.. strides]);
        var inputDims = Dims;
        Record(result, "squeeze", [this], g => [g.Reshape(inputDims)]);
        return result;
    }

    /// <summary>A broadcast view of this tensor with a larger shape (size-1 dimensions repeat without copying).</summary>
    public Tensor Expand(params int[] shape)
    {
        if (shape.Length < Rank) throw new ArgumentException($"expand: target {ShapeMath.Format(shape)} has lower rank than {ShapeMath.Format(Dims)}");
        var strides = new int[shape.Length];
        var dims = (int[])shape.Clone();
        int lead = shape.Length - Rank;
        for (int i = 0; i < shape.Length; i++)
        {
            if (i < lead) { strides[i] = 0; continue; }
            int own = Dims[i - lead];
            if (dims[i] == -1) dims[i] = own;
            if (own == dims[i]) strides[i] = Strides[i - lead];
            else if (own == 1) strides[i] = 0;
            else throw new ArgumentException($"expand: cannot expand {ShapeMath.Format(Dims)} to {ShapeMath.Format(shape)}");
        }
        var result = new Tensor(Buffer, Offset, dims, strides);
        var inputDims = Dims;
        Record(result, "expand", [this], g => [g.SumTo(inputDims)]);
        return result;
    }

    /// <summary>Sums a broadcast gradient back down to <paramref name="shape"/>.</summary>
    internal Tensor SumTo(int[] shape)
    {
        if (ShapeMath.SameShape(Dims, shape)) return this;
        int lead = Rank - shape.Length;
        var axes = new List<int>();
        for (int i = 0; i < Rank; i++)
        {
            if (i < lead || (shape[i - lead] == 1 && Dims[i] != 1)) axes.Add(i);
        }
        var summed = axes.Count == 0 ? this : Sum([.. axes], keepDim: true);
        return summed.Reshape(shape);
    }
}
