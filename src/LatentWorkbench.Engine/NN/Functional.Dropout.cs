namespace LatentWorkbench.Engine.NN;

public static partial class F
{
    /// <summary>
    /// Inverted dropout: in training each element is zeroed with probability <paramref name="p"/> and the survivors are
    /// scaled by 1 / (1 - p), so evaluation (or p = 0) is the identity.
    /// </summary>
    public static Tensor Dropout(Tensor input, float p, bool training, Generator generator)
    {
        ArgumentNullException.ThrowIfNull(generator);
        if (!(p >= 0f && p <= 1f)) throw new ArgumentOutOfRangeException(nameof(p), p, "dropout probability must lie in [0, 1]");
        if (!training || p == 0f) return input;
        var mask = Tensor.Zeros(input.Dims);
        if (p < 1f)
        {
            float keep = 1f / (1f - p);
            var span = mask.AsSpan();
            for (int i = 0; i < span.Length; i++) span[i] = generator.NextFloat() >= p ? keep : 0f;
        }
        return input * mask;
    }
}
