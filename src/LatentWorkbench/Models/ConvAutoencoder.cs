using LatentWorkbench.Engine;
using LatentWorkbench.Engine.NN;

namespace LatentWorkbench.Models;

/// <summary>
/// The convolutional autoencoder of the latent-vector-field paper: four 3x3 stride-2 convolutions
/// (channels C -> d -> 2d -> 4d -> 8d) on 32x32 inputs, flatten, Linear to k; the decoder mirrors it with
/// 3x3 stride-2 transposed convolutions (padding 1, output padding 1) and ends in a sigmoid.
/// The paper does not state d or the activation; we use d = 32 and ReLU (both options).
/// </summary>
public sealed class ConvAutoencoder : Module, IAutoencoder
{
    private readonly int _width;

    /// <summary>Builds the model for inputs [channels, 32, 32].</summary>
    public ConvAutoencoder(int latentDim, int channels = 1, int width = 32, Generator? generator = null)
    {
        if (latentDim <= 0) throw new ArgumentOutOfRangeException(nameof(latentDim), latentDim, "the bottleneck size k must be positive");
        if (width <= 0) throw new ArgumentOutOfRangeException(nameof(width), width, "the base channel width d must be positive");
        LatentDim = latentDim;
        InputShape = [channels, 32, 32];
        _width = width;
        int d = width;
        Encoder = RegisterModule("encoder", new Sequential(
            new Conv2d(channels, d, 3, stride: 2, padding: 1, generator: generator), new ReLU(),
            new Conv2d(d, 2 * d, 3, stride: 2, padding: 1, generator: generator), new ReLU(),
            new Conv2d(2 * d, 4 * d, 3, stride: 2, padding: 1, generator: generator), new ReLU(),
            new Conv2d(4 * d, 8 * d, 3, stride: 2, padding: 1, generator: generator), new ReLU(),
            new Flatten(),
            new Linear(8 * d * 2 * 2, latentDim, generator: generator)));
        Decoder = RegisterModule("decoder", new Sequential(
            new Linear(latentDim, 8 * d * 2 * 2, generator: generator), new ReLU(),
            new Unflatten(1, [8 * d, 2, 2]),
            new ConvTranspose2d(8 * d, 4 * d, 3, stride: 2, padding: 1, outputPadding: 1, generator: generator), new ReLU(),
            new ConvTranspose2d(4 * d, 2 * d, 3, stride: 2, padding: 1, outputPadding: 1, generator: generator), new ReLU(),
            new ConvTranspose2d(2 * d, d, 3, stride: 2, padding: 1, outputPadding: 1, generator: generator), new ReLU(),
            new ConvTranspose2d(d, channels, 3, stride: 2, padding: 1, outputPadding: 1, generator: generator), new Sigmoid()));
    }

    /// <inheritdoc/>
    public int LatentDim { get; }

    /// <inheritdoc/>
    public IReadOnlyList<int> InputShape { get; }

    /// <summary>The base channel width d.</summary>
    public int Width => _width;

    /// <summary>x -> z.</summary>
    public Sequential Encoder { get; }

    /// <summary>z -> x.</summary>
    public Sequential Decoder { get; }

    Module IAutoencoder.Encoder => Encoder;

    Module IAutoencoder.Decoder => Decoder;

    /// <inheritdoc/>
    public Tensor Encode(Tensor inputs)
    {
        if (inputs.Rank != 4 || inputs.Shape[2] != 32 || inputs.Shape[3] != 32)
            throw new ArgumentException($"ConvAutoencoder expects inputs [n, {InputShape[0]}, 32, 32] (pad 28x28 images to 32x32), got [{string.Join(", ", inputs.Shape)}]", nameof(inputs));
        return Encoder.Call(inputs);
    }

    /// <inheritdoc/>
    public Tensor Decode(Tensor latents) => Decoder.Call(latents);

    /// <summary>The reconstruction D(E(x)).</summary>
    public override Tensor Forward(Tensor input) => Decode(Encode(input));
}
