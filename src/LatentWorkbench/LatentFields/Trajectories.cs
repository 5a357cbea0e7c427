using System.Diagnostics;
using System.Numerics.Tensors;
using LatentWorkbench.Engine;
using LatentWorkbench.Progress;

namespace LatentWorkbench.LatentFields;

/// <summary>
/// Batched forward iteration z_{t+1} = f(z_t) with the paper's stopping rule ||f(z_{t+1}) - f(z_t)||^2 &lt; tol.
/// Only points still moving are passed to the model: converged rows are swapped out of the active set each step,
/// so late iterations cost only as much as the slow starts.
/// </summary>
/// <example><code>
/// using var map = new LatentMap(model);                                                 // k = 4
/// var starts = LatentStarts.Gaussian(n: 100, k: 4, seed: 0);                           // [100 * 4]
/// var run = Trajectories.Run(map, starts, new TrajectoryOptions { RecordIndices = [0] });
/// Console.WriteLine($"{run.ConvergedFraction:P0} converged, {run.MeanSteps:F0} steps on average");
/// float[] path = run.Paths[0];                                                         // start 0: [(Steps[0] + 1) * 4]
/// </code></example>
public static class Trajectories
{
    /// <summary>Iterates every row of <paramref name="starts"/> [n * k] until it converges or hits the limit.</summary>
    public static TrajectoryResult Run(LatentMap map, ReadOnlySpan<float> starts, TrajectoryOptions? options = null) => Run(map, starts, options, null);

    /// <summary>
    /// As <see cref="Run(LatentMap, ReadOnlySpan{float}, TrajectoryOptions?)"/> from <paramref name="starts"/> [n * k],
    /// calling <paramref name="visit"/> with every point [k] of every trajectory (the start and each iterate) so callers can accumulate statistics without
    /// storing paths.
    /// </summary>
    public static TrajectoryResult Run(LatentMap map, ReadOnlySpan<float> starts, TrajectoryOptions? options, PointVisitor? visit)
    {
        ArgumentNullException.ThrowIfNull(map);
        options ??= new TrajectoryOptions();
        options.Validate();
        int k = map.Dim, n = map.RowCount(starts.Length, nameof(starts));
        foreach (var v in starts)
            if (!float.IsFinite(v)) throw new ArgumentException("starting points contain NaN or infinity", nameof(starts));

        var clock = Stopwatch.StartNew();
        var startCopy = starts.ToArray();
        var endpoints = new float[n * k];
        var steps = new int[n];
        var converged = new bool[n];
        var paths = new Dictionary<int, List<float>>();
        if (options.RecordPaths) for (int i = 0; i < n; i++) paths[i] = new List<float>(startCopy.AsSpan(i * k, k).ToArray());
        else if (options.RecordIndices is { } subset)
            foreach (int i in subset)
            {
                if ((uint)i >= (uint)n) throw new ArgumentOutOfRangeException(nameof(options), i, $"RecordIndices must lie in 0..{n - 1}");
                paths[i] = new List<float>(startCopy.AsSpan(i * k, k).ToArray());
            }

        // Active set: current[a] is the latest point of start index[a].
        var index = new int[n];
        for (int i = 0; i < n; i++) index[i] = i;
        var current = map.Apply(startCopy);
        var next = new float[n * k];
        int active = n;
        long pointSteps = n;
        for (int a = 0; a < n; a++)
        {
            steps[a] = 1;
            Record(paths, a, current.AsSpan(a * k, k));
            if (visit is not null) { visit(a, startCopy.AsSpan(a * k, k)); visit(a, current.AsSpan(a * k, k)); }
        }
        double tol = options.Tolerance;

        using var bar = options.ShowProgress ? new ProgressBar("trajectories", options.MaxIterations, "steps") : null;
        int t = 1;
        while (active > 0 && t < options.MaxIterations)
        {
            Interruption.ThrowIfRequested();
            map.Apply(current, next, active);
            pointSteps += active;
            t++;
            int write = 0;
            for (int a = 0; a < active; a++)
            {
                int i = index[a];
                var z = next.AsSpan(a * k, k);
                steps[i] = t;
                Record(paths, i, z);
                visit?.Invoke(i, z);
                float move = TensorPrimitives.Distance(z, current.AsSpan(a * k, k));
                if (move * (double)move < tol)
                {
                    converged[i] = true;
                    z.CopyTo(endpoints.AsSpan(i * k, k));
                    continue;
                }
                // Compact: still-moving rows move down to the front of the buffer.
                index[write] = i;
                z.CopyTo(current.AsSpan(write * k, k));
                write++;
            }
            active = write;
            bar?.Advance(1, $"active {active}/{n}");
        }
        for (int a = 0; a < active; a++) current.AsSpan(a * k, k).CopyTo(endpoints.AsSpan(index[a] * k, k));
        bar?.Finish($"converged {n - active}/{n}");

        var finished = new Dictionary<int, float[]>(paths.Count);
        foreach (var (i, list) in paths) finished[i] = list.ToArray();
        return new TrajectoryResult(k, startCopy, endpoints, steps, converged, finished, pointSteps, clock.Elapsed.TotalSeconds);
    }

    /// <summary>Receives one point [k] of the trajectory of start <paramref name="start"/>.</summary>
    public delegate void PointVisitor(int start, ReadOnlySpan<float> point);

    private static void Record(Dictionary<int, List<float>> paths, int i, ReadOnlySpan<float> z)
    {
        if (paths.Count > 0 && paths.TryGetValue(i, out var list)) foreach (var v in z) list.Add(v);
    }
}
