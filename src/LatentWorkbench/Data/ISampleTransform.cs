namespace LatentWorkbench.Data;

/// <summary>
/// A per-sample transform applied by the <see cref="DataLoader"/> while it fills a batch. Samples arrive as float32
/// (images already scaled to [0, 1]).
/// </summary>
public interface ISampleTransform
{
    /// <summary>The shape of a transformed sample given the input shape; throws if the input shape is unsupported.</summary>
    int[] OutputShape(IReadOnlyList<int> inputShape);

    /// <summary>Transforms one sample of <paramref name="inputShape"/> from <paramref name="input"/> into <paramref name="output"/>.</summary>
    void Apply(ReadOnlySpan<float> input, IReadOnlyList<int> inputShape, Span<float> output);
}
