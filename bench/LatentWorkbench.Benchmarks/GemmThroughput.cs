using System.Diagnostics;
using LatentWorkbench.Engine;
using LatentWorkbench.Engine.Kernels;

namespace LatentWorkbench.Benchmarks;

/// <summary>Wall-clock GEMM throughput measurement, for the GFLOP/s report and quick comparisons.</summary>
internal static class GemmThroughput
{
    /// <summary>
    /// Best-of GFLOP/s of <paramref name="shape"/> with <paramref name="provider"/>: warms up, then repeats
    /// batches of products until <paramref name="minSeconds"/> have elapsed and reports the fastest batch.
    /// </summary>
    public static double Measure(GemmShape shape, GemmProvider provider, double minSeconds = 1.0, ulong seed = 1)
    {
        ArgumentNullException.ThrowIfNull(shape);
        var rng = new Generator(seed);
        float[] a = RandomMatrix(rng, shape.M * shape.K);
        float[] b = RandomMatrix(rng, shape.K * shape.N);
        float[] c = new float[shape.M * shape.N];
        int lda = shape.TransA ? shape.M : shape.K, ldb = shape.TransB ? shape.K : shape.N;
        void Once() => Gemm.Sgemm(provider, shape.TransA, shape.TransB, shape.M, shape.N, shape.K, 1f, a, lda, b, ldb, 0f, c, shape.N);

        // Batch enough products that one batch takes ~20 ms, so timer resolution and fork costs stay small.
        var sw = Stopwatch.StartNew();
        Once();
        Once();
        double single = Math.Max(sw.Elapsed.TotalSeconds / 2, 1e-7);
        int batch = (int)Math.Clamp(0.02 / single, 1, 100_000);
        double best = double.MaxValue;
        var total = Stopwatch.StartNew();
        do
        {
            sw.Restart();
            for (int i = 0; i < batch; i++) Once();
            best = Math.Min(best, sw.Elapsed.TotalSeconds / batch);
        }
        while (total.Elapsed.TotalSeconds < minSeconds);
        return shape.Flops / best / 1e9;
    }

    private static float[] RandomMatrix(Generator rng, int count)
    {
        var x = new float[count];
        for (int i = 0; i < count; i++) x[i] = rng.NextFloat() * 2f - 1f;
        return x;
    }
}
