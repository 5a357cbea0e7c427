using LatentWorkbench.Engine;

namespace LatentWorkbench.Graphs;

/// <summary>
/// A validated set of n points in d dimensions, stored row-major in float32 (the layout GEMM wants).
/// The public entry points of Graphs, FunctionalMaps and Similarity take a <see cref="Tensor"/> [n, d] and view it
/// through this type (Interop/TensorInterop), so NaN/infinite values and shape errors are caught once, with the
/// argument name.
/// </summary>
internal sealed class PointSet
{
    /// <summary>Row-major values, Count x Dim.</summary>
    public float[] Data { get; }

    /// <summary>Number of points n.</summary>
    public int Count { get; }

    /// <summary>Dimension d.</summary>
    public int Dim { get; }

    /// <summary>Wraps row-major <paramref name="data"/> (not copied) after checking shape and finiteness.</summary>
    public PointSet(float[] data, int count, int dim, string name = "points")
    {
        ArgumentNullException.ThrowIfNull(data, name);
        if (count < 1 || dim < 1) throw new ArgumentException($"{name}: expected at least one point of dimension >= 1, got {count} x {dim}", name);
        if ((long)count * dim != data.Length) throw new ArgumentException($"{name}: {data.Length} values do not fill {count} x {dim}", name);
        for (int i = 0; i < data.Length; i++)
        {
            if (!float.IsFinite(data[i]))
                throw new ArgumentException($"{name}: value {data[i]} at point {i / dim}, coordinate {i % dim} is not finite; embeddings must not contain NaN or infinity", name);
        }
        Data = data;
        Count = count;
        Dim = dim;
    }

    /// <summary>Row <paramref name="i"/> as a span.</summary>
    public ReadOnlySpan<float> Row(int i) => Data.AsSpan(i * Dim, Dim);

    /// <summary>The selected rows as a new point set.</summary>
    public PointSet Rows(IReadOnlyList<int> indices)
    {
        var r = new float[indices.Count * Dim];
        for (int i = 0; i < indices.Count; i++)
        {
            int p = indices[i];
            if ((uint)p >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(indices), $"index {p} is outside 0..{Count - 1}");
            Row(p).CopyTo(r.AsSpan(i * Dim, Dim));
        }
        return new PointSet(r, indices.Count, Dim);
    }
}
