namespace LatentWorkbench.Engine.NN;

/// <summary>Group normalisation of [N, C, ...] (torch.nn.GroupNorm): per-sample statistics over groups of channels; affine weight 1, bias 0 per channel.</summary>
public sealed class GroupNorm : Module
{
    /// <summary>Creates the layer; <paramref name="numChannels"/> must be divisible by <paramref name="numGroups"/>.</summary>
    public GroupNorm(int numGroups, int numChannels, float eps = 1e-5f, bool affine = true)
    {
        if (numGroups < 1 || numChannels < 1 || numChannels % numGroups != 0)
            throw new ArgumentException($"GroupNorm: numChannels ({numChannels}) must be a positive multiple of numGroups ({numGroups})", nameof(numChannels));
        NumGroups = numGroups; NumChannels = numChannels; Eps = eps; Affine = affine;
        if (affine)
        {
            Weight = RegisterParameter("weight", Tensor.Ones(numChannels));
            Bias = RegisterParameter("bias", Tensor.Zeros(numChannels));
        }
    }

    /// <summary>Number of channel groups.</summary>
    public int NumGroups { get; }
    /// <summary>Number of channels C.</summary>
    public int NumChannels { get; }
    /// <summary>Added to the variance for stability.</summary>
    public float Eps { get; }
    /// <summary>Whether there is a learnable per-channel scale and shift.</summary>
    public bool Affine { get; }
    /// <summary>Scale [C], or null.</summary>
    public Tensor? Weight { get; }
    /// <summary>Shift [C], or null.</summary>
    public Tensor? Bias { get; }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => F.GroupNorm(input, NumGroups, Weight, Bias, Eps);

    /// <inheritdoc/>
    protected override string ExtraRepr() => $"{NumGroups}, {NumChannels}, eps={PyFloat(Eps)}, affine={PyBool(Affine)}";
}
