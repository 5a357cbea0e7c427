namespace LatentWorkbench.Engine;

public sealed partial class Tensor
{
    /// <summary>Joins tensors along an existing dimension.</summary>
    public static Tensor Concat(IReadOnlyList<Tensor> tensors, int dim = 0)
    {
        if (tensors.Count == 0) throw new ArgumentException("concat needs at least one tensor", nameof(tensors));
        var first = tensors[0];
        int d = ShapeMath.Axis(dim, first.Rank);
        var outDims = (int[])first.Dims.Clone();
        outDims[d] = 0;
        foreach (var t in tensors)
        {
            if (t.Rank != first.Rank) throw new ArgumentException($"concat: ranks differ ({ShapeMath.Format(first.Dims)} vs {ShapeMath.Format(t.Dims)})");
            for (int i = 0; i < t.Rank; i++)
                if (i != d && t.Dims[i] != first.Dims[i])
                    throw new ArgumentException($"concat along {d}: shapes {ShapeMath.Format(first.Dims)} and {ShapeMath.Format(t.Dims)} differ in dimension {i}");
            outDims[d] += t.Dims[d];
        }
        var r = Zeros(outDims);
        var starts = new int[tensors.Count];
        int pos = 0;
        for (int i = 0; i < tensors.Count; i++)
        {
            starts[i] = pos;
            var view = new Tensor(r.Buffer, r.Offset + pos * r.Strides[d], WithDim(outDims, d, tensors[i].Dims[d]), r.Strides);
            view.CopyStridedFrom(tensors[i]);
            pos += tensors[i].Dims[d];
        }
        var inputs = tensors.ToArray();
        Record(r, "concat", inputs, g =>
        {
            var grads = new Tensor?[inputs.Length];
            for (int i = 0; i < inputs.Length; i++)
                grads[i] = inputs[i].RequiresGrad ? g.Slice(d, starts[i], starts[i] + inputs[i].Dims[d]).Contiguous() : null;
            return grads;
        });
        return r;
    }

    /// <summary>Joins same-shaped tensors along a new dimension.</summary>
    public static Tensor Stack(IReadOnlyList<Tensor> tensors, int dim = 0)
    {
        if (tensors.Count == 0) throw new ArgumentException("stack needs at least one tensor", nameof(tensors));
        var expanded = new Tensor[tensors.Count];
        for (int i = 0; i < tensors.Count; i++)
        {
            if (!ShapeMath.SameShape(tensors[i].Dims, tensors[0].Dims))
                throw new ArgumentException($"stack: tensor {i} has shape {ShapeMath.Format(tensors[i].Dims)}, expected {ShapeMath.Format(tensors[0].Dims)}");
            expanded[i] = tensors[i].Unsqueeze(dim);
        }
        return Concat(expanded, dim);
    }

    private static int[] WithDim(int[] dims, int d, int size)
    {
        var copy = (int[])dims.Clone();
        copy[d] = size;
        return copy;
    }

    /// <summary>Rows (entries along <paramref name="dim"/>) picked by index, copied; gradients scatter back.</summary>
    public Tensor IndexSelect(int dim, ReadOnlySpan<int> indices)
    {
        int d = ShapeMath.Axis(dim, Rank);
        var idx = indices.ToArray();
        var source = IsContiguous ? this : ContiguousCopy();
        var (outer, length, inner) = Ops.Reduction.Split(Dims, d);
        var outDims = WithDim(Dims, d, idx.Length);
        var r = Zeros(outDims);
        var src = source.Data;
        var dst = r.AsSpan();
        for (int o = 0; o < outer; o++)
            for (int j = 0; j < idx.Length; j++)
            {
                int ix = idx[j];
                if ((uint)ix >= (uint)length) throw new IndexOutOfRangeException($"index_select: index {ix} out of range for dimension {d} of size {length}");
                src.Slice((o * length + ix) * inner, inner).CopyTo(dst.Slice((o * idx.Length + j) * inner, inner));
            }
        var dims = Dims;
        Record(r, "index_select", [this], g =>
        {
            var full = Zeros(dims);
            var gs = g.IsContiguous ? g.Data : g.ContiguousCopy().Data;
            var fs = full.AsSpan();
            for (int o = 0; o < outer; o++)
                for (int j = 0; j < idx.Length; j++)
                {
                    var target = fs.Slice((o * length + idx[j]) * inner, inner);
                    System.Numerics.Tensors.TensorPrimitives.Add(target, gs.Slice((o * idx.Length + j) * inner, inner), target);
                }
            return [full];
        });
        return r;
    }

    /// <summary>
    /// Pads the trailing dimensions with a constant, PyTorch-style: pads = (last_left, last_right, second_last_left, ...).
    /// </summary>
    public Tensor Pad(int[] pads, float value = 0f)
    {
        if (pads.Length % 2 != 0 || pads.Length / 2 > Rank) throw new ArgumentException($"pad: expected an even number of pads for at most {Rank} dimensions, got {pads.Length}", nameof(pads));
        var outDims = (int[])Dims.Clone();
        var lefts = new int[Rank];
        for (int i = 0; i < pads.Length / 2; i++)
        {
            int axis = Rank - 1 - i;
            if (pads[2 * i] < 0 || pads[2 * i + 1] < 0) throw new ArgumentException("pad: negative padding is not supported", nameof(pads));
            lefts[axis] = pads[2 * i];
            outDims[axis] += pads[2 * i] + pads[2 * i + 1];
        }
        var r = Full(value, outDims);
        int offset = 0;
        for (int i = 0; i < Rank; i++) offset += lefts[i] * r.Strides[i];
        new Tensor(r.Buffer, offset, Dims, r.Strides).CopyStridedFrom(this);
        var dims = Dims;
        Record(r, "pad", [this], g =>
        {
            var gc = g.IsContiguous ? g : g.ContiguousCopy();
            return [new Tensor(gc.Buffer, gc.Offset + offset, dims, gc.Strides).ContiguousCopy()];
        });
        return r;
    }
}
