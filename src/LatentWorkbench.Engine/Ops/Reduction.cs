using System.Numerics.Tensors;

namespace LatentWorkbench.Engine.Ops;

/// <summary>Reduction kernels over one axis of a contiguous tensor viewed as [outer, length, inner].</summary>
internal static class Reduction
{
    public static (int outer, int length, int inner) Split(int[] dims, int axis)
    {
        int outer = 1, inner = 1;
        for (int i = 0; i < axis; i++) outer *= dims[i];
        for (int i = axis + 1; i < dims.Length; i++) inner *= dims[i];
        return (outer, dims[axis], inner);
    }

    public static void SumAxis(ReadOnlySpan<float> x, Span<float> result, int outer, int length, int inner)
    {
        result.Clear();
        for (int o = 0; o < outer; o++)
        {
            var dst = result.Slice(o * inner, inner);
            int baseIndex = o * length * inner;
            if (inner == 1) { dst[0] = TensorPrimitives.Sum(x.Slice(baseIndex, length)); continue; }
            for (int l = 0; l < length; l++) TensorPrimitives.Add(dst, x.Slice(baseIndex + l * inner, inner), dst);
        }
    }

    public static void MaxAxis(ReadOnlySpan<float> x, Span<float> values, Span<int> indices, int outer, int length, int inner)
    {
        for (int o = 0; o < outer; o++)
        {
            for (int i = 0; i < inner; i++)
            {
                int baseIndex = o * length * inner + i;
                float best = float.NegativeInfinity;
                int bestIndex = 0;
                for (int l = 0; l < length; l++)
                {
                    float v = x[baseIndex + l * inner];
                    if (v > best || float.IsNaN(v)) { best = v; bestIndex = l; if (float.IsNaN(v)) break; }
                }
                values[o * inner + i] = best;
                indices[o * inner + i] = bestIndex;
            }
        }
    }
}
