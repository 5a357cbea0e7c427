using System.Globalization;
using System.Text;
using LatentWorkbench.Engine.Autograd;

namespace LatentWorkbench.Engine;

/// <summary>
/// An n-dimensional float32 array on the CPU with reverse-mode automatic differentiation.
/// A tensor is a view (shape, strides, offset) onto a flat float buffer; several views may share one buffer.
/// </summary>
public sealed partial class Tensor
{
    /// <summary>The buffer shared by this tensor and its views; it refuses access once a dispose scope took it back.</summary>
    internal readonly TensorStorage Buffer;
    internal readonly int Offset;
    internal readonly int[] Dims;
    internal readonly int[] Strides;
    private bool _requiresGrad;

    internal Tensor(TensorStorage buffer, int offset, int[] dims, int[] strides)
    {
        Buffer = buffer;
        Offset = offset;
        Dims = dims;
        Strides = strides;
        Numel = ShapeMath.Numel(dims);
    }

    /// <summary>Wraps a caller-owned array (never pooled) as a contiguous tensor.</summary>
    internal Tensor(float[] storage, int[] dims) : this(TensorStorage.Wrap(storage), 0, dims, ShapeMath.ContiguousStrides(dims))
    {
        if (storage.Length < Numel)
            throw new ArgumentException($"buffer of {storage.Length} floats is too small for shape {ShapeMath.Format(dims)} ({Numel} elements)");
    }

    /// <summary>A contiguous tensor over a fresh buffer (pooled inside a dispose scope).</summary>
    private Tensor(int[] dims, bool clear) : this(TensorStorage.Allocate(ShapeMath.Numel(dims), clear), 0, dims, ShapeMath.ContiguousStrides(dims)) { }

    /// <summary>The flat elements; throws <see cref="ObjectDisposedException"/> once a dispose scope took the buffer back.</summary>
    internal float[] Storage => Buffer.Array;

    /// <summary>The size of each dimension, outermost first (e.g. [n, d] for n rows of d features).</summary>
    public IReadOnlyList<int> Shape => Dims;

    /// <summary>The number of dimensions: the length of <see cref="Shape"/> (0 for a scalar).</summary>
    public int Rank => Dims.Length;

    /// <summary>The number of elements: the product of <see cref="Shape"/>.</summary>
    public int Numel { get; }

    /// <summary>The size of dimension <paramref name="dim"/> (negative counts from the end).</summary>
    public int Size(int dim) => Dims[ShapeMath.Axis(dim, Rank)];

    /// <summary>Whether the elements lie densely in row-major order, so kernels can read the buffer directly.</summary>
    public bool IsContiguous
    {
        get
        {
            int expected = 1;
            for (int i = Dims.Length - 1; i >= 0; i--)
            {
                if (Dims[i] != 1 && Strides[i] != expected) return false;
                expected *= Dims[i];
            }
            return true;
        }
    }

    /// <summary>Whether gradients flow into this tensor. Set it on leaves (parameters, inputs).</summary>
    public bool RequiresGrad
    {
        get => _requiresGrad;
        set
        {
            if (!value && GradFn is not null)
                throw new InvalidOperationException("cannot clear RequiresGrad on a non-leaf tensor; use Detach() instead");
            _requiresGrad = value;
        }
    }

    /// <summary>The accumulated gradient of a leaf after Backward(), or null.</summary>
    public Tensor? Grad
    {
        get => _grad;
        set
        {
            // A leaf's gradient accumulates across steps, so it must outlive the dispose scope it was created in.
            if (value is not null && IsLeaf) value.Buffer.Scope = null;
            _grad = value;
        }
    }

    private Tensor? _grad;

    /// <summary>The operation that produced this tensor, or null for a leaf.</summary>
    internal GradNode? GradFn { get; set; }

    /// <summary>True when this tensor was created by the user rather than by a recorded operation.</summary>
    public bool IsLeaf => GradFn is null;

    /// <summary>The elements as a writable span; only for contiguous tensors.</summary>
    public Span<float> AsSpan()
    {
        if (!IsContiguous) throw new InvalidOperationException($"AsSpan needs a contiguous tensor (shape {ShapeMath.Format(Dims)}); call Contiguous() first");
        return Storage.AsSpan(Offset, Numel);
    }

    /// <summary>The elements of a contiguous tensor, read-only.</summary>
    internal ReadOnlySpan<float> Data => Storage.AsSpan(Offset, Numel);

    /// <summary>A contiguous copy of the elements in row-major order.</summary>
    public float[] ToArray()
    {
        if (IsContiguous) return Data.ToArray();
        return Contiguous().Data.ToArray();
    }

    /// <summary>The value of a one-element tensor.</summary>
    public float Item()
    {
        if (Numel != 1) throw new InvalidOperationException($"Item() needs a tensor with one element, this one has shape {ShapeMath.Format(Dims)}");
        return Storage[Offset];
    }

    /// <summary>Reads or writes one element by its full index.</summary>
    [System.Runtime.CompilerServices.IndexerName("Element")]
    public float this[params int[] index]
    {
        get => Storage[ElementOffset(index)];
        set => Storage[ElementOffset(index)] = value;
    }

    private int ElementOffset(int[] index)
    {
        if (index.Length != Rank) throw new ArgumentException($"index has {index.Length} components, tensor has rank {Rank}");
        int off = Offset;
        for (int i = 0; i < index.Length; i++)
        {
            int ix = index[i] < 0 ? index[i] + Dims[i] : index[i];
            if ((uint)ix >= (uint)Dims[i]) throw new IndexOutOfRangeException($"index {index[i]} out of range for dimension {i} of size {Dims[i]}");
            off += ix * Strides[i];
        }
        return off;
    }

    /// <summary>A tensor sharing this one's data but cut off from the autograd graph.</summary>
    public Tensor Detach() => new(Buffer, Offset, Dims, Strides);

    /// <summary>A deep copy (same shape, own contiguous buffer), recorded for autograd.</summary>
    public Tensor Clone()
    {
        var result = ContiguousCopy();
        Record(result, "clone", [this], g => [g]);
        return result;
    }

    /// <summary>Copies the values of <paramref name="source"/> (same number of elements) into this tensor in place, outside autograd.</summary>
    public void CopyFrom(Tensor source)
    {
        if (source.Numel != Numel) throw new ArgumentException($"CopyFrom: source has {source.Numel} elements, target has {Numel}");
        if (!IsContiguous) throw new InvalidOperationException("CopyFrom needs a contiguous target");
        if (source.IsContiguous) source.Data.CopyTo(AsSpan());
        else source.Contiguous().Data.CopyTo(AsSpan());
    }

    internal Tensor ContiguousCopy()
    {
        var copy = Uninitialized(Dims);
        CopyStridedTo(copy.Storage);
        return copy;
    }

    /// <summary>Copies the elements, in row-major order of this view, into a dense destination.</summary>
    internal void CopyStridedTo(Span<float> destination)
    {
        if (IsContiguous) { Data.CopyTo(destination); return; }
        int rank = Rank;
        if (Numel == 0) return;
        int inner = Dims[rank - 1], innerStride = Strides[rank - 1];
        Span<int> counter = stackalloc int[Math.Max(rank, 1)];
        int outerCount = Numel / inner;
        int dst = 0;
        var storage = Storage;
        for (int o = 0; o < outerCount; o++)
        {
            int src = Offset;
            for (int d = 0; d < rank - 1; d++) src += counter[d] * Strides[d];
            if (innerStride == 1) { storage.AsSpan(src, inner).CopyTo(destination.Slice(dst, inner)); dst += inner; }
            else for (int i = 0; i < inner; i++) destination[dst++] = storage[src + i * innerStride];
            for (int d = rank - 2; d >= 0; d--)
            {
                if (++counter[d] < Dims[d]) break;
                counter[d] = 0;
            }
        }
    }

    /// <summary>A short description with shape and (for small tensors) values.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append("Tensor").Append(ShapeMath.Format(Dims));
        if (GradFn is not null) sb.Append(" grad_fn=").Append(GradFn.OpName);
        else if (RequiresGrad) sb.Append(" requires_grad");
        if (IsDisposed) sb.Append(" (disposed)");
        else if (Numel <= 64)
        {
            sb.Append(' ');
            var values = ToArray();
            sb.Append('[').Append(string.Join(", ", values.Select(v => v.ToString("G5", CultureInfo.InvariantCulture)))).Append(']');
        }
        return sb.ToString();
    }
}
