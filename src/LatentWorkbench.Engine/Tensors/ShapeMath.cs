namespace LatentWorkbench.Engine;

/// <summary>Shape arithmetic shared by the tensor ops: element counts, strides, broadcasting.</summary>
internal static class ShapeMath
{
    public static int Numel(ReadOnlySpan<int> shape)
    {
        long n = 1;
        foreach (int d in shape)
        {
            if (d < 0) throw new ArgumentException($"shape dimensions must be non-negative, got {Format(shape)}");
            n *= d;
        }
        if (n > int.MaxValue) throw new ArgumentException($"shape {Format(shape)} has more than {int.MaxValue} elements");
        return (int)n;
    }

    public static int[] ContiguousStrides(ReadOnlySpan<int> shape)
    {
        var strides = new int[shape.Length];
        int s = 1;
        for (int i = shape.Length - 1; i >= 0; i--) { strides[i] = s; s *= Math.Max(shape[i], 1); }
        return strides;
    }

    public static int[] Broadcast(ReadOnlySpan<int> a, ReadOnlySpan<int> b)
    {
        int rank = Math.Max(a.Length, b.Length);
        var result = new int[rank];
        for (int i = 0; i < rank; i++)
        {
            int da = i < rank - a.Length ? 1 : a[i - (rank - a.Length)];
            int db = i < rank - b.Length ? 1 : b[i - (rank - b.Length)];
            if (da != db && da != 1 && db != 1)
                throw new ArgumentException($"shapes {Format(a)} and {Format(b)} cannot be broadcast together (dimension {i}: {da} vs {db})");
            result[i] = da == 1 ? db : da;
        }
        return result;
    }

    /// <summary>Normalises a possibly negative axis against a rank, with a clear error.</summary>
    public static int Axis(int axis, int rank, string argument = "dim")
    {
        int a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank) throw new ArgumentOutOfRangeException(argument, axis, $"axis out of range for a tensor of rank {rank}");
        return a;
    }

    public static bool SameShape(ReadOnlySpan<int> a, ReadOnlySpan<int> b) => a.SequenceEqual(b);

    public static string Format(ReadOnlySpan<int> shape) => "[" + string.Join(", ", shape.ToArray()) + "]";
}
