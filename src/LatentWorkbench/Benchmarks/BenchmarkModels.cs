using LatentWorkbench.Engine;
using LatentWorkbench.Engine.NN;

namespace LatentWorkbench.Benchmarks;

/// <summary>The models of /work/shared/bench/torch_reference.py, layer for layer.</summary>
public static class BenchmarkModels
{
    /// <summary>784-512-256-k encoder and k-256-512-784 decoder (ReLU; sigmoid output), the script's mlp_ae.</summary>
    public static (Sequential Encoder, Sequential Decoder) MlpAutoencoder(Generator generator, int latentDim = 16)
    {
        var encoder = new Sequential(new Linear(784, 512, generator: generator), new ReLU(), new Linear(512, 256, generator: generator), new ReLU(),
            new Linear(256, latentDim, generator: generator));
        var decoder = new Sequential(new Linear(latentDim, 256, generator: generator), new ReLU(), new Linear(256, 512, generator: generator), new ReLU(),
            new Linear(512, 784, generator: generator), new Sigmoid());
        return (encoder, decoder);
    }

    /// <summary>The script's ConvAE: two stride-2 convolutions down to 64x7x7, a linear bottleneck, two transposed convolutions up.</summary>
    public static Sequential ConvAutoencoder(Generator generator, int latentDim = 16) => new(
        new Conv2d(1, 32, 3, 2, 1, generator: generator), new ReLU(), new Conv2d(32, 64, 3, 2, 1, generator: generator), new ReLU(),
        new Flatten(), new Linear(64 * 7 * 7, latentDim, generator: generator),
        new Linear(latentDim, 64 * 7 * 7, generator: generator), new ReLU(), new Unflatten(1, [64, 7, 7]),
        new ConvTranspose2d(64, 32, 4, 2, 1, generator: generator), new ReLU(),
        new ConvTranspose2d(32, 1, 4, 2, 1, generator: generator), new Sigmoid());
}
