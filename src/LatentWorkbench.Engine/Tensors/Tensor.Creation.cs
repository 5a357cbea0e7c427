namespace LatentWorkbench.Engine;

public sealed partial class Tensor
{
    /// <summary>Wraps <paramref name="data"/> (not copied) as a tensor of the given shape; the caller keeps owning the array, so no dispose scope takes it.</summary>
    public static Tensor FromArray(float[] data, params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (shape.Length == 0) shape = [data.Length];
        int n = ShapeMath.Numel(shape);
        if (n != data.Length) throw new ArgumentException($"FromArray: {data.Length} values do not fill shape {ShapeMath.Format(shape)} ({n} elements)", nameof(shape));
        return new Tensor(data, (int[])shape.Clone());
    }

    /// <summary>A tensor copied from a 2-D array.</summary>
    public static Tensor FromArray(float[,] data)
    {
        int rows = data.GetLength(0), cols = data.GetLength(1);
        var t = Uninitialized([rows, cols]);
        var buffer = t.Storage;
        for (int i = 0; i < rows; i++) for (int j = 0; j < cols; j++) buffer[i * cols + j] = data[i, j];
        return t;
    }

    /// <summary>A tensor from doubles (converted to float32).</summary>
    public static Tensor FromArray(double[] data, params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (shape.Length == 0) shape = [data.Length];
        int n = ShapeMath.Numel(shape);
        if (n != data.Length) throw new ArgumentException($"FromArray: {data.Length} values do not fill shape {ShapeMath.Format(shape)} ({n} elements)", nameof(shape));
        var t = Uninitialized(shape);
        var buffer = t.Storage;
        for (int i = 0; i < data.Length; i++) buffer[i] = (float)data[i];
        return t;
    }

    /// <summary>A zero-dimensional tensor holding one value.</summary>
    public static Tensor Scalar(float value)
    {
        var t = Uninitialized([]);
        t.Storage[0] = value;
        return t;
    }

    /// <summary>All zeros.</summary>
    public static Tensor Zeros(params int[] shape) => new((int[])shape.Clone(), clear: true);

    /// <summary>A tensor whose buffer is not cleared, for kernels that write every element (skips the zeroing pass).</summary>
    internal static Tensor Uninitialized(int[] shape) => new((int[])shape.Clone(), clear: false);

    /// <summary>All ones.</summary>
    public static Tensor Ones(params int[] shape) => Full(1f, shape);

    /// <summary>Every element set to <paramref name="value"/>.</summary>
    public static Tensor Full(float value, params int[] shape)
    {
        var t = Uninitialized(shape);
        t.Storage.AsSpan().Fill(value);
        return t;
    }

    /// <summary>Zeros with the shape of <paramref name="like"/>.</summary>
    public static Tensor ZerosLike(Tensor like) => Zeros(like.Dims);

    /// <summary>Standard normal samples drawn from <paramref name="generator"/>.</summary>
    public static Tensor Randn(Generator generator, params int[] shape)
    {
        var t = Zeros(shape);
        var span = t.AsSpan();
        for (int i = 0; i < span.Length; i++) span[i] = generator.NextNormal();
        return t;
    }

    /// <summary>Uniform samples in [low, high).</summary>
    public static Tensor Rand(Generator generator, int[] shape, float low = 0f, float high = 1f)
    {
        var t = Zeros(shape);
        var span = t.AsSpan();
        float width = high - low;
        for (int i = 0; i < span.Length; i++) span[i] = low + width * generator.NextFloat();
        return t;
    }

    /// <summary>Uniform samples in [0, 1).</summary>
    public static Tensor Rand(Generator generator, params int[] shape) => Rand(generator, shape, 0f, 1f);

    /// <summary>Values start, start+step, ... below end, as a 1-D tensor.</summary>
    public static Tensor Arange(float start, float end, float step = 1f)
    {
        if (step == 0f) throw new ArgumentException("step must be non-zero", nameof(step));
        int n = Math.Max(0, (int)Math.Ceiling((end - start) / step));
        var t = Uninitialized([n]);
        var buffer = t.Storage;
        for (int i = 0; i < n; i++) buffer[i] = start + i * step;
        return t;
    }

    /// <summary>Values 0, 1, ..., n-1.</summary>
    public static Tensor Arange(int n) => Arange(0f, n);

    /// <summary>n evenly spaced values from start to end inclusive.</summary>
    public static Tensor Linspace(float start, float end, int n)
    {
        var t = Uninitialized([n]);
        var buffer = t.Storage;
        for (int i = 0; i < n; i++) buffer[i] = n == 1 ? start : start + (end - start) * i / (n - 1);
        return t;
    }

    /// <summary>The n x n identity matrix.</summary>
    public static Tensor Eye(int n)
    {
        var t = Zeros(n, n);
        var span = t.AsSpan();
        for (int i = 0; i < n; i++) span[i * n + i] = 1f;
        return t;
    }
}
