using System.Numerics.Tensors;

namespace LatentWorkbench.Topology;

/// <summary>
/// 0-dimensional persistent homology of the Vietoris-Rips filtration of a point cloud. Every component is born at 0
/// and the death times are exactly the edge lengths of a Euclidean minimum spanning tree (plus one infinite bar),
/// found with Prim's O(n^2) algorithm on the dense distance graph: no n^2 memory, SIMD distances, parallel updates.
/// </summary>
public static class PersistenceH0
{
    /// <summary>
    /// The n - 1 finite death times [n - 1] in ascending order for n = <paramref name="count"/> points of
    /// <paramref name="dim"/> coordinates, <paramref name="points"/> row-major [n * dim] (Euclidean distances).
    /// </summary>
    /// <example><code>
    /// float[] points = [0, 0,  1, 0,  5, 0,  5, 1];                                // 4 points in the plane, [4 * 2]
    /// double[] deaths = PersistenceH0.DeathTimes(points, count: 4, dim: 2);        // [1, 1, 4]
    /// int components = PersistenceH0.Betti0(deaths, epsilon: 2.0);                 // 2
    /// </code></example>
    public static double[] DeathTimes(ReadOnlySpan<float> points, int count, int dim)
    {
        if (count < 0) throw new ArgumentOutOfRangeException(nameof(count), count, "must be non-negative");
        if (dim <= 0) throw new ArgumentOutOfRangeException(nameof(dim), dim, "must be positive");
        if (points.Length != (long)count * dim) throw new ArgumentException($"points holds {points.Length} values, expected {count}x{dim}", nameof(points));
        if (count <= 1) return [];
        var data = points.ToArray();
        foreach (float v in data) if (!float.IsFinite(v)) throw new ArgumentException("points contain NaN or infinity", nameof(points));
        var best = new float[count];
        Array.Fill(best, float.PositiveInfinity);
        var inTree = new bool[count];
        var deaths = new double[count - 1];
        int current = 0;
        inTree[0] = true;
        int chunks = Math.Max(1, Math.Min(Environment.ProcessorCount * 4, count / 1024));
        var chunkMin = new float[chunks];
        var chunkArg = new int[chunks];
        for (int added = 1; added < count; added++)
        {
            int from = current;
            Parallel.For(0, chunks, c =>
            {
                int lo = (int)((long)count * c / chunks), hi = (int)((long)count * (c + 1) / chunks);
                var src = data.AsSpan(from * dim, dim);
                float min = float.PositiveInfinity; int arg = -1;
                for (int j = lo; j < hi; j++)
                {
                    if (inTree[j]) continue;
                    float d = TensorPrimitives.Distance(src, data.AsSpan(j * dim, dim));
                    if (d < best[j]) best[j] = d;
                    if (best[j] < min || arg < 0) { min = best[j]; arg = j; }
                }
                chunkMin[c] = min; chunkArg[c] = arg;
            });
            int next = -1; float nextDist = float.PositiveInfinity;
            for (int c = 0; c < chunks; c++)
                if (chunkArg[c] >= 0 && (next < 0 || chunkMin[c] < nextDist)) { next = chunkArg[c]; nextDist = chunkMin[c]; }
            inTree[next] = true;
            deaths[added - 1] = nextDist;
            current = next;
        }
        Array.Sort(deaths);
        return deaths;
    }

    /// <summary>beta_0 at scale <paramref name="epsilon"/>: components of the Rips complex with edges of length at most epsilon, from <see cref="DeathTimes"/> [n - 1].</summary>
    public static int Betti0(IReadOnlyList<double> sortedDeaths, double epsilon)
    {
        int merged = 0;
        foreach (double d in sortedDeaths) if (d <= epsilon) merged++;
        return sortedDeaths.Count + 1 - merged;
    }

    /// <summary>beta_0 at each of <paramref name="epsilons"/> (a Betti curve), [epsilons], from <see cref="DeathTimes"/> [n - 1].</summary>
    public static int[] BettiCurve(IReadOnlyList<double> sortedDeaths, IReadOnlyList<double> epsilons)
    {
        var curve = new int[epsilons.Count];
        for (int i = 0; i < curve.Length; i++) curve[i] = Betti0(sortedDeaths, epsilons[i]);
        return curve;
    }
}
