namespace LatentWorkbench.Data;

/// <summary>The standard sample transforms; combine them with <see cref="Compose"/>.</summary>
public static class Transforms
{
    /// <summary>Zero-pads [c, 28, 28] (or any smaller square) to [c, 32, 32], centred: 2 pixels each side for MNIST.</summary>
    public static ISampleTransform PadTo32 { get; } = new PadTransform(32, 32);

    /// <summary>Zero-pads [c, h, w] to [c, height, width], centred.</summary>
    public static ISampleTransform PadTo(int height, int width) => new PadTransform(height, width);

    /// <summary>Reshapes any sample to one dimension.</summary>
    public static ISampleTransform Flatten { get; } = new FlattenTransform();

    /// <summary>
    /// (x - mean) / std, per channel (first sample dimension) when several values are given, else for all elements.
    /// </summary>
    public static ISampleTransform Normalize(float[] mean, float[] std) => new NormalizeTransform(mean, std);

    /// <summary>(x - mean) / std for every element.</summary>
    public static ISampleTransform Normalize(float mean, float std) => new NormalizeTransform([mean], [std]);

    /// <summary>Applies the transforms left to right.</summary>
    public static ISampleTransform Compose(params ISampleTransform[] transforms) => new ComposeTransform(transforms);

    internal static int Numel(IReadOnlyList<int> shape)
    {
        int n = 1;
        foreach (int d in shape) n *= d;
        return n;
    }
}

internal sealed class PadTransform(int height, int width) : ISampleTransform
{
    public int[] OutputShape(IReadOnlyList<int> s)
    {
        if (s.Count != 3) throw new ArgumentException($"PadTo({height}, {width}) needs samples of shape [c, h, w], got [{string.Join(", ", s)}]");
        if (s[1] > height || s[2] > width) throw new ArgumentException($"PadTo({height}, {width}) cannot pad [{string.Join(", ", s)}]: image is larger");
        return [s[0], height, width];
    }

    public void Apply(ReadOnlySpan<float> input, IReadOnlyList<int> s, Span<float> output)
    {
        int c = s[0], h = s[1], w = s[2];
        int top = (height - h) / 2, left = (width - w) / 2;
        output[..(c * height * width)].Clear();
        for (int ch = 0; ch < c; ch++)
            for (int y = 0; y < h; y++)
                input.Slice((ch * h + y) * w, w).CopyTo(output[((ch * height + top + y) * width + left)..]);
    }
}

internal sealed class FlattenTransform : ISampleTransform
{
    public int[] OutputShape(IReadOnlyList<int> s) => [Transforms.Numel(s)];

    public void Apply(ReadOnlySpan<float> input, IReadOnlyList<int> s, Span<float> output) =>
        input[..Transforms.Numel(s)].CopyTo(output);
}

internal sealed class NormalizeTransform : ISampleTransform
{
    private readonly float[] _mean, _invStd;

    public NormalizeTransform(float[] mean, float[] std)
    {
        if (mean.Length == 0 || mean.Length != std.Length) throw new ArgumentException($"Normalize needs equally many means and stds (got {mean.Length} and {std.Length})");
        foreach (float v in std) if (!(v > 0)) throw new ArgumentException($"Normalize: std values must be positive, got {v}", nameof(std));
        _mean = mean;
        _invStd = std.Select(v => 1f / v).ToArray();
    }

    public int[] OutputShape(IReadOnlyList<int> s)
    {
        if (_mean.Length > 1 && (s.Count == 0 || s[0] != _mean.Length))
            throw new ArgumentException($"Normalize with {_mean.Length} channel values needs samples whose first dimension is {_mean.Length}, got [{string.Join(", ", s)}]");
        return [.. s];
    }

    public void Apply(ReadOnlySpan<float> input, IReadOnlyList<int> s, Span<float> output)
    {
        int n = Transforms.Numel(s);
        int groups = _mean.Length, per = n / groups;
        for (int g = 0; g < groups; g++)
        {
            float m = _mean[g], k = _invStd[g];
            var src = input.Slice(g * per, per);
            var dst = output.Slice(g * per, per);
            for (int i = 0; i < per; i++) dst[i] = (src[i] - m) * k;
        }
    }
}

internal sealed class ComposeTransform(ISampleTransform[] transforms) : ISampleTransform
{
    // Intermediate results go to two reusable buffers; a loader calls Apply sequentially, so one pair suffices.
    private float[] _a = [], _b = [];

    public int[] OutputShape(IReadOnlyList<int> s)
    {
        int[] shape = [.. s];
        foreach (var t in transforms) shape = t.OutputShape(shape);
        return shape;
    }

    public void Apply(ReadOnlySpan<float> input, IReadOnlyList<int> inputShape, Span<float> output)
    {
        if (transforms.Length == 0) { input[..Transforms.Numel(inputShape)].CopyTo(output); return; }
        IReadOnlyList<int> shape = inputShape;
        ReadOnlySpan<float> current = input;
        for (int i = 0; i < transforms.Length; i++)
        {
            int[] next = transforms[i].OutputShape(shape);
            Span<float> target;
            if (i == transforms.Length - 1) target = output;
            else
            {
                ref float[] buffer = ref (i % 2 == 0 ? ref _a : ref _b);
                int n = Transforms.Numel(next);
                if (buffer.Length < n) buffer = new float[n];
                target = buffer.AsSpan(0, n);
            }
            transforms[i].Apply(current, shape, target);
            current = target;
            shape = next;
        }
    }
}
