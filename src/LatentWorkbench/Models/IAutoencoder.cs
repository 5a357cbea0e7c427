using LatentWorkbench.Engine;

namespace LatentWorkbench.Models;

/// <summary>
/// A model that maps batches of inputs to latent codes and back. The latent-field analyses work on
/// anything that implements this, including models trained elsewhere and loaded from safetensors.
/// </summary>
public interface IAutoencoder
{
    /// <summary>The bottleneck size k.</summary>
    int LatentDim { get; }

    /// <summary>The shape of one input sample, e.g. [1, 32, 32] or [784].</summary>
    IReadOnlyList<int> InputShape { get; }

    /// <summary>Latent codes [n, k] of a batch of inputs [n, ...InputShape].</summary>
    Tensor Encode(Tensor inputs);

    /// <summary>Reconstructions [n, ...InputShape] of latent codes [n, k].</summary>
    Tensor Decode(Tensor latents);
}
