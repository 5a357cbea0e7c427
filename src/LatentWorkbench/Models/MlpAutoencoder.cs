using LatentWorkbench.Engine;
using LatentWorkbench.Engine.NN;

namespace LatentWorkbench.Models;

/// <summary>
/// The fully connected autoencoder of the workbench's benchmarks: 784-512-256-k with ReLU,
/// mirrored decoder with a sigmoid output. State names: encoder.0.weight ... decoder.4.bias, as in PyTorch.
/// </summary>
public sealed class MlpAutoencoder : Module, IAutoencoder
{
    /// <summary>Builds the model with PyTorch's default initialisation drawn from <paramref name="generator"/>.</summary>
    public MlpAutoencoder(int latentDim, int inputDim = 784, int hidden1 = 512, int hidden2 = 256, Generator? generator = null)
    {
        if (latentDim <= 0) throw new ArgumentOutOfRangeException(nameof(latentDim), latentDim, "the bottleneck size k must be positive");
        LatentDim = latentDim;
        InputShape = [inputDim];
        Encoder = RegisterModule("encoder", new Sequential(
            new Linear(inputDim, hidden1, generator: generator), new ReLU(),
            new Linear(hidden1, hidden2, generator: generator), new ReLU(),
            new Linear(hidden2, latentDim, generator: generator)));
        Decoder = RegisterModule("decoder", new Sequential(
            new Linear(latentDim, hidden2, generator: generator), new ReLU(),
            new Linear(hidden2, hidden1, generator: generator), new ReLU(),
            new Linear(hidden1, inputDim, generator: generator), new Sigmoid()));
    }

    /// <inheritdoc/>
    public int LatentDim { get; }

    /// <inheritdoc/>
    public IReadOnlyList<int> InputShape { get; }

    /// <summary>x -> z.</summary>
    public Sequential Encoder { get; }

    /// <summary>z -> x.</summary>
    public Sequential Decoder { get; }

    Module IAutoencoder.Encoder => Encoder;

    Module IAutoencoder.Decoder => Decoder;

    /// <inheritdoc/>
    public Tensor Encode(Tensor inputs) => Encoder.Call(inputs.Rank == 2 ? inputs : inputs.Flatten(1));

    /// <inheritdoc/>
    public Tensor Decode(Tensor latents) => Decoder.Call(latents);

    /// <summary>The reconstruction D(E(x)), flattened.</summary>
    public override Tensor Forward(Tensor input) => Decode(Encode(input));
}
