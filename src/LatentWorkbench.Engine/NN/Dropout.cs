namespace LatentWorkbench.Engine.NN;

/// <summary>
/// Inverted dropout (torch.nn.Dropout): in training, zeroes each element with probability p and scales survivors by
/// 1/(1-p); the identity in evaluation. Masks come from the layer's own seeded generator.
/// </summary>
public sealed class Dropout : Module
{
    private readonly Generator _generator;

    /// <summary>
    /// Creates the layer. Its mask stream is seeded by <paramref name="seed"/>, or, when null, forked from
    /// <see cref="Init.DefaultGenerator"/> (so layers get distinct streams that still follow <see cref="Init.ManualSeed"/>).
    /// </summary>
    public Dropout(float p = 0.5f, ulong? seed = null)
    {
        if (!(p >= 0f && p <= 1f)) throw new ArgumentOutOfRangeException(nameof(p), p, "dropout probability must lie in [0, 1]");
        P = p;
        _generator = seed is ulong s ? new Generator(s) : Init.DefaultGenerator.Fork();
    }

    /// <summary>Probability of zeroing an element.</summary>
    public float P { get; }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => F.Dropout(input, P, Training, _generator);

    /// <inheritdoc/>
    protected override string ExtraRepr() => $"p={PyFloat(P)}, inplace=False";
}
