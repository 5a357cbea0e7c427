using System.Numerics.Tensors;
using LatentWorkbench.Engine.Ops;

namespace LatentWorkbench.Engine;

public sealed partial class Tensor
{
    /// <summary>Sum of all elements (a scalar tensor).</summary>
    public Tensor Sum()
    {
        var source = IsContiguous ? this : ContiguousCopy();
        var r = Scalar(TensorPrimitives.Sum(source.Data));
        var dims = Dims;
        Record(r, "sum", [this], g => [g.Expand(dims)]);
        return r;
    }

    /// <summary>Sum over the given axes.</summary>
    public Tensor Sum(int[] axes, bool keepDim = false)
    {
        var sorted = NormaliseAxes(axes);
        var result = this;
        // Reduce the highest axis first so lower indices stay valid.
        for (int i = sorted.Length - 1; i >= 0; i--) result = result.SumAxisKeep(sorted[i]);
        return keepDim ? result : result.DropAxes(sorted);
    }

    /// <summary>Sum over one axis.</summary>
    public Tensor Sum(int axis, bool keepDim = false) => Sum([axis], keepDim);

    private Tensor SumAxisKeep(int axis)
    {
        var source = IsContiguous ? this : ContiguousCopy();
        var (outer, length, inner) = Reduction.Split(Dims, axis);
        var outDims = (int[])Dims.Clone();
        outDims[axis] = 1;
        var r = Zeros(outDims);
        Reduction.SumAxis(source.Data, r.AsSpan(), outer, length, inner);
        var dims = Dims;
        Record(r, "sum", [this], g => [g.Expand(dims)]);
        return r;
    }

    /// <summary>Mean of all elements.</summary>
    public Tensor Mean() => Sum() * (1f / Math.Max(Numel, 1));

    /// <summary>Mean over the given axes.</summary>
    public Tensor Mean(int[] axes, bool keepDim = false)
    {
        var sorted = NormaliseAxes(axes);
        int count = 1;
        foreach (int a in sorted) count *= Dims[a];
        return Sum(sorted, keepDim) * (1f / Math.Max(count, 1));
    }

    /// <summary>Mean over one axis.</summary>
    public Tensor Mean(int axis, bool keepDim = false) => Mean([axis], keepDim);

    /// <summary>Variance over the given axes (biased by default, as batch norm uses).</summary>
    public Tensor Var(int[] axes, bool keepDim = false, bool unbiased = false)
    {
        var sorted = NormaliseAxes(axes);
        int count = 1;
        foreach (int a in sorted) count *= Dims[a];
        var centred = this - Mean(sorted, keepDim: true);
        return (centred * centred).Sum(sorted, keepDim) * (1f / Math.Max(unbiased ? count - 1 : count, 1));
    }

    /// <summary>Maximum of all elements.</summary>
    public Tensor Max() => Reshape(-1).Max(0).Values;

    /// <summary>Maximum along an axis with the index of the maximum.</summary>
    public (Tensor Values, int[] Indices) Max(int axis, bool keepDim = false)
    {
        int a = ShapeMath.Axis(axis, Rank);
        var source = IsContiguous ? this : ContiguousCopy();
        var (outer, length, inner) = Reduction.Split(Dims, a);
        if (length == 0) throw new InvalidOperationException($"max over an empty dimension {a} of shape {ShapeMath.Format(Dims)}");
        var outDims = (int[])Dims.Clone();
        outDims[a] = 1;
        var values = Zeros(outDims);
        var indices = new int[outer * inner];
        Reduction.MaxAxis(source.Data, values.AsSpan(), indices, outer, length, inner);
        var dims = Dims;
        Record(values, "max", [this], g =>
        {
            var full = Zeros(dims);
            var dst = full.AsSpan();
            var gs = g.IsContiguous ? g.Data : g.ContiguousCopy().Data;
            for (int o = 0; o < outer; o++)
                for (int i = 0; i < inner; i++)
                    dst[(o * length + indices[o * inner + i]) * inner + i] = gs[o * inner + i];
            return [full];
        });
        return (keepDim ? values : values.DropAxes([a]), indices);
    }

    /// <summary>Index of the maximum along an axis.</summary>
    public int[] ArgMax(int axis = -1)
    {
        using var _ = Autograd.GradMode.NoGrad();
        return Max(axis).Indices;
    }

    /// <summary>Softmax along an axis (numerically stable).</summary>
    public Tensor Softmax(int axis = -1)
    {
        int a = ShapeMath.Axis(axis, Rank);
        var r = SoftmaxKernel(a, log: false);
        Record(r, "softmax", [this], g =>
        {
            return [r * (g - (g * r).Sum(a, keepDim: true))];
        });
        return r;
    }

    /// <summary>log(softmax(x)) along an axis, computed stably.</summary>
    public Tensor LogSoftmax(int axis = -1)
    {
        int a = ShapeMath.Axis(axis, Rank);
        var r = SoftmaxKernel(a, log: true);
        Record(r, "log_softmax", [this], g =>
        {
            return [g - r.Exp() * g.Sum(a, keepDim: true)];
        });
        return r;
    }

    private Tensor SoftmaxKernel(int axis, bool log)
    {
        var source = IsContiguous ? this : ContiguousCopy();
        var (outer, length, inner) = Reduction.Split(Dims, axis);
        var r = Zeros(Dims);
        var x = source.Data;
        var y = r.AsSpan();
        Span<float> column = length <= 1024 ? stackalloc float[length] : new float[length];
        for (int o = 0; o < outer; o++)
        {
            for (int i = 0; i < inner; i++)
            {
                int b = o * length * inner + i;
                for (int l = 0; l < length; l++) column[l] = x[b + l * inner];
                float max = TensorPrimitives.Max(column);
                TensorPrimitives.Subtract(column, max, column);
                if (log)
                {
                    float logSum = 0f;
                    double sum = 0;
                    for (int l = 0; l < length; l++) sum += Math.Exp(column[l]);
                    logSum = (float)Math.Log(sum);
                    for (int l = 0; l < length; l++) y[b + l * inner] = column[l] - logSum;
                }
                else
                {
                    TensorPrimitives.Exp(column, column);
                    float sum = TensorPrimitives.Sum(column);
                    for (int l = 0; l < length; l++) y[b + l * inner] = column[l] / sum;
                }
            }
        }
        return r;
    }

    private int[] NormaliseAxes(int[] axes)
    {
        var sorted = new int[axes.Length];
        for (int i = 0; i < axes.Length; i++) sorted[i] = ShapeMath.Axis(axes[i], Rank, nameof(axes));
        Array.Sort(sorted);
        for (int i = 1; i < sorted.Length; i++)
            if (sorted[i] == sorted[i - 1]) throw new ArgumentException($"axis {sorted[i]} repeated in reduction", nameof(axes));
        return sorted;
    }

    private Tensor DropAxes(int[] sortedAxes)
    {
        var dims = new List<int>();
        for (int i = 0; i < Rank; i++) if (Array.BinarySearch(sortedAxes, i) < 0) dims.Add(Dims[i]);
        return Reshape([.. dims]);
    }
}
