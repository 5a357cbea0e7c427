namespace LatentWorkbench.LatentFields;

/// <summary>Finds attractors of f = E . D by forward iteration from many starts, merging close end points.</summary>
/// <example><code>
/// using var map = new LatentMap(model);                                             // k = 4
/// var found = AttractorFinder.Find(map, LatentStarts.Gaussian(200, 4, seed: 0));   // starts [200 * 4]
/// Console.WriteLine($"{found.Count} attractors, basins {string.Join(", ", found.BasinSizes)}, max |eigenvalue| {found.MaxSpectralRadius:F3}");
/// </code></example>
public static class AttractorFinder
{
    /// <summary>Iterates <paramref name="starts"/> [n * k], merges converged end points and analyses each attractor's Jacobian.</summary>
    public static AttractorResult Find(LatentMap map, ReadOnlySpan<float> starts, AttractorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(map);
        options ??= new AttractorOptions();
        options.Validate();
        var traj = Trajectories.Run(map, starts, options.Trajectory);
        return FromTrajectories(map, traj, options);
    }

    /// <summary>Merges the converged end points of an existing run of <paramref name="map"/> and analyses each attractor's Jacobian.</summary>
    public static AttractorResult FromTrajectories(LatentMap map, TrajectoryResult traj, AttractorOptions? options = null)
    {
        options ??= new AttractorOptions();
        options.Validate();
        double threshold = options.Dedup == DedupRule.Euclidean ? options.Radius : options.CosineThreshold;
        var (reps, labels) = Deduplication.Merge(traj.Endpoints, traj.Dim, options.Dedup, threshold, traj.Converged);
        var stability = new List<Stability>();
        if (options.ComputeStability && reps.Length > 0)
        {
            var jac = map.Jacobians(reps).Contiguous().ToArray();
            int k = traj.Dim;
            for (int i = 0; i < reps.Length / k; i++) stability.Add(Stability.Of(jac.AsSpan(i * k * k, k * k), k));
        }
        return new AttractorResult(traj.Dim, reps, labels, stability, traj);
    }
}
