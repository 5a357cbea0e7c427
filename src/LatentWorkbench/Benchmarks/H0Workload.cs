using LatentWorkbench.Graphs;
using LatentWorkbench.Topology;

namespace LatentWorkbench.Benchmarks;

/// <summary>
/// 0-dimensional persistent homology (all death times, i.e. the Euclidean MST) of 10,000 standard normal points in
/// 64 dimensions, the speed the Koopman method's topology needs (under 5 s). Seconds, lower is better; the torch script has no
/// counterpart (SciPy's minimum_spanning_tree on the dense distance matrix is the natural one).
/// </summary>
public static class H0Workload
{
    /// <summary>Best of <paramref name="repeats"/> (at least two) timed runs on the same seeded points.</summary>
    public static BenchmarkResult Run(int repeats = 1)
    {
        var timer = new WorkloadTimer();
        var points = KnnLaplacianEigsWorkload.Points(10_000, 64, seed: 0);
        double best = WorkloadTimer.BestOf(() => PersistenceH0.DeathTimes(points.Data, points.Count, points.Dim), Math.Max(repeats, 2));
        return timer.Result("h0", best, "seconds");
    }
}
