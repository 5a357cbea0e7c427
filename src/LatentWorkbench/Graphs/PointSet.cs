using LatentWorkbench.Engine;

namespace LatentWorkbench.Graphs;

/// <summary>
/// A validated set of n points in d dimensions, stored row-major in float32 (the layout GEMM wants).
/// Every analysis in Graphs, FunctionalMaps and Similarity takes its embeddings through this type, so
/// NaN/infinite values and shape errors are caught once, with the argument name.
/// </summary>
public sealed class PointSet
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

    /// <summary>Points from a 2-D tensor [n, d] (copied).</summary>
    public static PointSet FromTensor(Tensor embeddings, string name = "embeddings")
    {
        ArgumentNullException.ThrowIfNull(embeddings, name);
        if (embeddings.Shape.Count != 2) throw new ArgumentException($"{name}: expected a 2-D tensor [n, d], got rank {embeddings.Shape.Count}", name);
        return new PointSet(embeddings.ToArray(), embeddings.Shape[0], embeddings.Shape[1], name);
    }

    /// <summary>Points from rows of doubles (copied).</summary>
    public static PointSet FromRows(double[][] rows, string name = "points")
    {
        ArgumentNullException.ThrowIfNull(rows, name);
        if (rows.Length == 0) throw new ArgumentException($"{name}: no rows", name);
        int d = rows[0].Length;
        var data = new float[rows.Length * d];
        for (int i = 0; i < rows.Length; i++)
        {
            if (rows[i].Length != d) throw new ArgumentException($"{name}: row {i} has {rows[i].Length} values, expected {d}", name);
            for (int j = 0; j < d; j++) data[i * d + j] = (float)rows[i][j];
        }
        return new PointSet(data, rows.Length, d, name);
    }

    /// <summary>Points from a row-major double array (converted).</summary>
    public static PointSet FromDoubles(double[] data, int count, int dim, string name = "points")
    {
        var f = new float[data.Length];
        for (int i = 0; i < f.Length; i++) f[i] = (float)data[i];
        return new PointSet(f, count, dim, name);
    }

    /// <summary>Row <paramref name="i"/> as a span.</summary>
    public ReadOnlySpan<float> Row(int i) => Data.AsSpan(i * Dim, Dim);

    /// <summary>The values as a row-major double array (copied), for the double-precision linear algebra.</summary>
    public double[] ToDoubles()
    {
        var r = new double[Data.Length];
        for (int i = 0; i < r.Length; i++) r[i] = Data[i];
        return r;
    }

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
