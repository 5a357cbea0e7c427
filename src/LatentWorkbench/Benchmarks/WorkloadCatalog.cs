namespace LatentWorkbench.Benchmarks;

/// <summary>The benchmark workloads by name, in the order of the torch reference script, then ours without a counterpart there.</summary>
public static class WorkloadCatalog
{
    /// <summary>Name to runner (argument: repeat factor).</summary>
    public static IReadOnlyList<KeyValuePair<string, Func<int, BenchmarkResult>>> All { get; } =
    [
        new("gemm", GemmWorkload.Run),
        new("mlp-ae-train", MlpAutoencoderTrainWorkload.Run),
        new("latent-iterate", LatentIterateWorkload.Run),
        new("conv-ae-train", ConvAutoencoderTrainWorkload.Run),
        new("knn-laplacian-eigs", KnnLaplacianEigsWorkload.Run),
        new("h0", H0Workload.Run),
        new("attractor-kinds", AttractorKindsWorkload.Run),
    ];

    /// <summary>The workloads that also run on the GPU (<c>lwb bench &lt;workload&gt; --device cuda</c>).</summary>
    public static IReadOnlyList<KeyValuePair<string, Func<int, BenchmarkResult>>> Cuda { get; } =
    [
        new("latent-iterate", LatentIterateWorkload.RunCuda),
    ];

    /// <summary>The workload names.</summary>
    public static IEnumerable<string> Names => All.Select(w => w.Key);

    /// <summary>
    /// Workloads named by <paramref name="name"/> ("all" for every one) on <paramref name="device"/>; throws on an unknown
    /// name, and names a workload that has no GPU version when the device is Cuda.
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, Func<int, BenchmarkResult>>> Resolve(string name, Engine.Device device = Engine.Device.Cpu)
    {
        var pool = device == Engine.Device.Cuda ? Cuda : All;
        if (name == "all") return pool;
        foreach (var w in pool) if (w.Key == name) return [w];
        if (device == Engine.Device.Cuda && Names.Contains(name))
            throw new ArgumentException($"workload '{name}' has no GPU version yet; with --device cuda: {string.Join(", ", Cuda.Select(w => w.Key))}, all", nameof(name));
        throw new ArgumentException($"unknown workload '{name}'; expected one of: {string.Join(", ", Names)}, all", nameof(name));
    }
}
