using System.Numerics.Tensors;

namespace LatentWorkbench.LatentFields;

/// <summary>
/// Distances along test trajectories to several training attractor sets at once, so that every condition of
/// <see cref="OodAblation"/> scores the very same paths: one trajectory run per side, each point measured against
/// every set. Set 0 (the control) also keeps the start, a first-steps window and the end point.
/// </summary>
internal static class OodPathScorer
{
    /// <summary>How a set measures the distance of a point to its nearest attractor.</summary>
    internal enum Metric
    {
        /// <summary>Euclidean in the raw latent.</summary>
        Raw,

        /// <summary>Euclidean after dividing each dimension by the training latents' standard deviation.</summary>
        Standardised,

        /// <summary>1 - cosine similarity.</summary>
        Cosine,
    }

    /// <summary>One attractor set [m * k] and its metric.</summary>
    internal sealed record Set(float[] Attractors, Metric Metric);

    /// <summary>Per set the whole-path means [n]; for set 0 the start [n], the mean over the first steps [n] and the end point [n].</summary>
    internal sealed record Scores(double[][] Whole, double[] Start, double[] First, double[] End, TrajectoryResult Trajectories);

    /// <summary>Scores every row of <paramref name="latents"/> [n * k]; <paramref name="scale"/> [k] is 1 / sd per dimension.</summary>
    internal static Scores Score(LatentMap map, ReadOnlySpan<float> latents, IReadOnlyList<Set> sets, ReadOnlySpan<float> scale, int firstSteps,
        TrajectoryOptions trajectory)
    {
        int k = map.Dim, n = map.RowCount(latents.Length, nameof(latents));
        if (scale.Length != k) throw new ArgumentException($"need {k} scales, got {scale.Length}", nameof(scale));
        var scaleCopy = scale.ToArray();
        // Transform each set once into the space its metric compares in, so a visited point costs one pass per set.
        var points = new float[sets.Count][];
        for (int s = 0; s < sets.Count; s++)
        {
            if (sets[s].Attractors.Length == 0) throw new InvalidOperationException($"attractor set {s} ({sets[s].Metric}) is empty: no training start converged");
            points[s] = Transform(sets[s].Attractors, sets[s].Metric, scaleCopy, k);
        }
        var whole = new double[sets.Count][];
        for (int s = 0; s < sets.Count; s++) whole[s] = new double[n];
        var start = new double[n];
        var first = new double[n];
        var end = new double[n];
        var counts = new int[n];
        var scaled = new float[k];
        var unit = new float[k];
        var traj = Trajectories.Run(map, latents, trajectory, (int i, ReadOnlySpan<float> z) =>
        {
            TensorPrimitives.Multiply(z, scaleCopy, scaled);
            z.CopyTo(unit);
            Normalise(unit);
            int seen = ++counts[i];
            for (int s = 0; s < points.Length; s++)
            {
                var metric = sets[s].Metric;
                double d = metric switch
                {
                    Metric.Raw => NearestEuclidean(z, points[s], k),
                    Metric.Standardised => NearestEuclidean(scaled, points[s], k),
                    _ => NearestCosine(unit, points[s], k),
                };
                whole[s][i] += d;
                if (s != 0) continue;
                if (seen == 1) start[i] = d;
                if (seen <= firstSteps) first[i] += d;
                end[i] = d;
            }
        });
        for (int i = 0; i < n; i++)
        {
            for (int s = 0; s < whole.Length; s++) whole[s][i] /= counts[i];
            first[i] /= Math.Min(counts[i], firstSteps);
        }
        return new Scores(whole, start, first, end, traj);
    }

    /// <summary>Distance of <paramref name="z"/> [k] to the nearest row of <paramref name="points"/> [m * k].</summary>
    internal static double NearestEuclidean(ReadOnlySpan<float> z, float[] points, int k)
    {
        float best = float.PositiveInfinity;
        for (int j = 0; j < points.Length; j += k) best = Math.Min(best, TensorPrimitives.Distance(z, points.AsSpan(j, k)));
        return best;
    }

    private static double NearestCosine(ReadOnlySpan<float> unitZ, float[] unitPoints, int k)
    {
        float best = float.NegativeInfinity;
        for (int j = 0; j < unitPoints.Length; j += k) best = Math.Max(best, TensorPrimitives.Dot(unitZ, unitPoints.AsSpan(j, k)));
        return 1 - (double)best;
    }

    private static float[] Transform(float[] attractors, Metric metric, float[] scale, int k)
    {
        var result = (float[])attractors.Clone();
        for (int j = 0; j < result.Length; j += k)
        {
            var row = result.AsSpan(j, k);
            if (metric == Metric.Standardised) TensorPrimitives.Multiply(row, scale, row);
            else if (metric == Metric.Cosine) Normalise(row);
        }
        return result;
    }

    private static void Normalise(Span<float> v)
    {
        float norm = TensorPrimitives.Norm(v);
        // The origin has no direction; leaving it at zero gives it cosine distance 1 to everything.
        if (norm > 0) TensorPrimitives.Divide(v, norm, v);
    }
}
