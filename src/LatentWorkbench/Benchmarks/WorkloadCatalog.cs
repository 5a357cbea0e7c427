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
    ];

    /// <summary>The workload names.</summary>
    public static IEnumerable<string> Names => All.Select(w => w.Key);

    /// <summary>Workloads named by <paramref name="name"/> ("all" for every one); throws on an unknown name.</summary>
    public static IReadOnlyList<KeyValuePair<string, Func<int, BenchmarkResult>>> Resolve(string name)
    {
        if (name == "all") return All;
        foreach (var w in All) if (w.Key == name) return [w];
        throw new ArgumentException($"unknown workload '{name}'; expected one of: {string.Join(", ", Names)}, all", nameof(name));
    }
}
