using System.Diagnostics;

namespace LatentWorkbench.Benchmarks;

/// <summary>Times a workload's runs the way the torch script does (best of N) and counts the collections they cause.</summary>
internal sealed class WorkloadTimer
{
    private readonly int _gen0 = GC.CollectionCount(0), _gen1 = GC.CollectionCount(1), _gen2 = GC.CollectionCount(2);

    /// <summary>Shortest wall time of <paramref name="repeats"/> calls, in seconds (the script's best_of).</summary>
    public static double BestOf(Action run, int repeats)
    {
        double best = double.PositiveInfinity;
        for (int i = 0; i < Math.Max(repeats, 1); i++)
        {
            long t = Stopwatch.GetTimestamp();
            run();
            best = Math.Min(best, Stopwatch.GetElapsedTime(t).TotalSeconds);
        }
        return best;
    }

    /// <summary>The result, with the collections since this timer was created and the process's peak working set.</summary>
    public BenchmarkResult Result(string workload, double value, string unit)
    {
        using var process = Process.GetCurrentProcess();
        return new BenchmarkResult(workload, value, unit, GC.CollectionCount(0) - _gen0, GC.CollectionCount(1) - _gen1,
            GC.CollectionCount(2) - _gen2, process.PeakWorkingSet64);
    }
}
