using LatentWorkbench.Engine;
using LatentWorkbench.Engine.NN;

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

    /// <summary>
    /// The module behind <see cref="Encode"/> (inputs [n, ...InputShape] to latents [n, k]), or null for a model that
    /// has none. When both modules are given, the latent map z -> E(D(z)) runs them through the engine's fastest
    /// path (<see cref="InferenceSession"/>) instead of calling Decode and Encode.
    /// </summary>
    Module? Encoder => null;

    /// <summary>The module behind <see cref="Decode"/> (latents [n, k] to inputs), or null for a model that has none.</summary>
    Module? Decoder => null;
}
