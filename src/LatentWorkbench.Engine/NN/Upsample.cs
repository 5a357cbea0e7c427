namespace LatentWorkbench.Engine.NN;

/// <summary>Nearest-neighbour upsampling of [N, C, H, W] by an integer factor (torch.nn.Upsample with mode 'nearest').</summary>
public sealed class Upsample : Module
{
    /// <summary>Creates the layer; only <paramref name="mode"/> "nearest" is supported.</summary>
    public Upsample(int scaleFactor, string mode = "nearest")
    {
        if (scaleFactor < 1) throw new ArgumentOutOfRangeException(nameof(scaleFactor), scaleFactor, "must be a positive integer");
        if (mode != "nearest") throw new NotSupportedException($"Upsample: mode '{mode}' is not supported (only 'nearest')");
        ScaleFactor = scaleFactor;
    }

    /// <summary>The integer upsampling factor per spatial axis.</summary>
    public int ScaleFactor { get; }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => F.UpsampleNearest2d(input, ScaleFactor);

    /// <inheritdoc/>
    protected override string ExtraRepr() => $"scale_factor={PyFloat(ScaleFactor)}, mode='nearest'";
}
