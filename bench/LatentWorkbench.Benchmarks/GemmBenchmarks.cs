using BenchmarkDotNet.Attributes;
using LatentWorkbench.Engine;
using LatentWorkbench.Engine.Kernels;

namespace LatentWorkbench.Benchmarks;

/// <summary>
/// SGEMM throughput of the managed kernel against native OpenBLAS on square sizes and the workbench's skinny
/// shapes (MLP forward and weight gradient at batch 128, latent iteration over 10,000 points).
/// Run: dotnet run -c Release --project bench/LatentWorkbench.Benchmarks -- --filter '*GemmBenchmarks*'
/// </summary>
[MemoryDiagnoser]
public class GemmBenchmarks
{
    private float[] a = [], b = [], c = [];
    private GemmShape shape = GemmShape.Standard[0];

    /// <summary>Shape label from <see cref="GemmShape.Standard"/>.</summary>
    [ParamsSource(nameof(ShapeNames))]
    public string Shape { get; set; } = "";

    /// <summary>Managed or Native (Native cases report an error when OpenBLAS is missing).</summary>
    [Params(GemmProvider.Managed, GemmProvider.Native)]
    public GemmProvider Provider { get; set; }

    public static IEnumerable<string> ShapeNames => GemmShape.Standard.Select(s => s.Name);

    [GlobalSetup]
    public void Setup()
    {
        shape = GemmShape.Standard.Single(s => s.Name == Shape);
        var rng = new Generator(42);
        a = Fill(rng, shape.M * shape.K);
        b = Fill(rng, shape.K * shape.N);
        c = new float[shape.M * shape.N];
    }

    /// <summary>One product C = op(A) op(B); divide <see cref="GemmShape.Flops"/> by the time for GFLOP/s.</summary>
    [Benchmark]
    public void Sgemm()
    {
        GemmShape s = shape;
        Gemm.Sgemm(Provider, s.TransA, s.TransB, s.M, s.N, s.K, 1f, a, s.TransA ? s.M : s.K, b, s.TransB ? s.K : s.N, 0f, c, s.N);
    }

    private static float[] Fill(Generator rng, int count)
    {
        var x = new float[count];
        for (int i = 0; i < count; i++) x[i] = rng.NextFloat() * 2f - 1f;
        return x;
    }
}
