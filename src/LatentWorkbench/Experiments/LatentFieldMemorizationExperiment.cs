using System.Text.Json.Nodes;

namespace LatentWorkbench.Experiments;

/// <summary>Memorisation coefficient of attractors and test error across bottleneck sizes k (the paper's conv autoencoder).</summary>
public sealed class LatentFieldMemorizationExperiment : IExperiment
{
    /// <inheritdoc/>
    public string Name => "memorization";

    /// <inheritdoc/>
    public string Description => "memorisation of attractors vs bottleneck size k (conv autoencoders; MNIST, FashionMNIST, CIFAR-10 when present)";

    /// <inheritdoc/>
    public JsonObject Run(bool quick, ulong seed) =>
        MemorizationSweep.Run(Options(quick, seed)).ToJson();

    /// <summary>The sweep this experiment runs: <see cref="MemorizationSweepOptions.Quick"/> or the paper-sized defaults.</summary>
    public static MemorizationSweepOptions Options(bool quick, ulong seed) =>
        quick ? MemorizationSweepOptions.Quick(seed) : new MemorizationSweepOptions { Seed = seed };
}
