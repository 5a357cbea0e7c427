using LatentWorkbench.Engine;
using LatentWorkbench.Engine.Kernels;

namespace LatentWorkbench.Benchmarks;

/// <summary>n = 2048 square matrix product: two warm-up products, best of five (GFLOP/s).</summary>
public static class GemmWorkload
{
    /// <summary>Runs the workload; <paramref name="repeats"/> scales the script's five timed products.</summary>
    public static BenchmarkResult Run(int repeats = 1)
    {
        const int n = 2048;
        var generator = new Generator(0);
        var a = Tensor.Randn(generator, n, n).ToArray();
        var b = Tensor.Randn(generator, n, n).ToArray();
        var c = new float[n * n];
        void Product() => Gemm.Sgemm(false, false, n, n, n, 1f, a, n, b, n, 0f, c, n);
        var timer = new WorkloadTimer();
        Product(); Product();
        double dt = WorkloadTimer.BestOf(Product, 5 * repeats);
        return timer.Result("gemm", 2.0 * n * n * n / dt / 1e9, "GFLOP/s");
    }
}
