using System.Numerics.Tensors;

namespace LatentWorkbench.Topology;

/// <summary>
/// 1-dimensional persistent homology of the Vietoris-Rips filtration truncated at an edge-length threshold, by the
/// standard column reduction of the triangle -> edge boundary matrix over Z/2 (sparse sorted columns).
/// Edges that merge components (Kruskal's union-find) can never start a cycle, so only the other edges are
/// candidate births: this plays the role of clearing for the edge columns. Meant for up to a few thousand points.
/// </summary>
public static class PersistenceH1
{
    /// <summary>
    /// H1 bars of n = <paramref name="count"/> points, <paramref name="points"/> row-major [n * dim], using edges of length
    /// at most <paramref name="threshold"/>; longest-lived first. Loops still open at the threshold die at +infinity.
    /// </summary>
    /// <example><code>
    /// var square = new float[] { 0, 0,  1, 0,  1, 1,  0, 1 };                       // a unit square, [4 * 2]
    /// var bars = PersistenceH1.Compute(square, count: 4, dim: 2, threshold: 2.0);    // one loop: born 1, dies sqrt(2)
    /// int[] beta1 = PersistenceH1.BettiCurve(bars, [0.5, 1.2, 1.5]);                  // [0, 1, 0]
    /// </code></example>
    public static List<PersistencePair> Compute(ReadOnlySpan<float> points, int count, int dim, double threshold)
    {
        if (dim <= 0) throw new ArgumentOutOfRangeException(nameof(dim), dim, "must be positive");
        if (count < 0) throw new ArgumentOutOfRangeException(nameof(count), count, "must be non-negative");
        if (points.Length != (long)count * dim)
            throw new ArgumentException($"points: expected [count * dim] = [{count} * {dim}] = {(long)count * dim} values, got {points.Length}", nameof(points));
        foreach (var v in points)
            if (!float.IsFinite(v)) throw new ArgumentException("points: contain NaN or infinity", nameof(points));
        if (!(threshold >= 0)) throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "must be non-negative");
        var data = points.ToArray();

        // Edges within the threshold, in filtration order (length, then vertices).
        var edges = new List<(double Length, int A, int B)>();
        var dist = new double[count * count];
        for (int i = 0; i < count; i++)
            for (int j = i + 1; j < count; j++)
            {
                double d = TensorPrimitives.Distance<float>(data.AsSpan(i * dim, dim), data.AsSpan(j * dim, dim));
                dist[i * count + j] = dist[j * count + i] = d;
                if (d <= threshold) edges.Add((d, i, j));
            }
        edges.Sort();
        var edgeIndex = new Dictionary<long, int>(edges.Count);
        for (int e = 0; e < edges.Count; e++) edgeIndex[Key(edges[e].A, edges[e].B, count)] = e;

        // Triangles as (diameter, boundary edge indices sorted descending); filtration order: diameter, then the boundary.
        var triangles = new List<(double Diameter, int E0, int E1, int E2)>();
        for (int e = 0; e < edges.Count; e++)
        {
            var (_, a, b) = edges[e];
            for (int c = b + 1; c < count; c++)
            {
                if (dist[a * count + c] > threshold || dist[b * count + c] > threshold) continue;
                int eac = edgeIndex[Key(a, c, count)], ebc = edgeIndex[Key(b, c, count)];
                Span<int> es = [e, eac, ebc];
                es.Sort();
                triangles.Add((edges[es[2]].Length, es[2], es[1], es[0]));
            }
        }
        triangles.Sort((x, y) => x.Diameter != y.Diameter ? x.Diameter.CompareTo(y.Diameter)
            : x.E0 != y.E0 ? x.E0.CompareTo(y.E0) : x.E1 != y.E1 ? x.E1.CompareTo(y.E1) : x.E2.CompareTo(y.E2));

        var positive = PositiveEdges(edges, count);
        var pivotOwner = new Dictionary<int, List<int>>();
        var pairs = new List<PersistencePair>();
        var paired = new bool[edges.Count];
        foreach (var t in triangles)
        {
            var column = new List<int>(3) { t.E2, t.E1, t.E0 }; // ascending
            while (column.Count > 0 && pivotOwner.TryGetValue(column[^1], out var other)) column = AddMod2(column, other);
            if (column.Count == 0) continue;
            int low = column[^1];
            pivotOwner[low] = column;
            paired[low] = true;
            if (t.Diameter > edges[low].Length) pairs.Add(new PersistencePair(edges[low].Length, t.Diameter));
        }
        for (int e = 0; e < edges.Count; e++)
            if (positive[e] && !paired[e]) pairs.Add(new PersistencePair(edges[e].Length, double.PositiveInfinity));
        pairs.Sort((x, y) => y.Persistence.CompareTo(x.Persistence));
        return pairs;
    }

    /// <summary>
    /// beta_1 at each of <paramref name="epsilons"/>, [epsilons]: bars born at or before the threshold and dying after it. Bars from
    /// <see cref="Compute"/> are exact up to its threshold; beyond it the curve counts the classes still open there.
    /// </summary>
    public static int[] BettiCurve(IReadOnlyList<PersistencePair> bars, IReadOnlyList<double> epsilons)
    {
        ArgumentNullException.ThrowIfNull(bars);
        ArgumentNullException.ThrowIfNull(epsilons);
        var curve = new int[epsilons.Count];
        for (int i = 0; i < curve.Length; i++)
        {
            double eps = epsilons[i];
            int alive = 0;
            foreach (var bar in bars) if (bar.Birth <= eps && bar.Death > eps) alive++;
            curve[i] = alive;
        }
        return curve;
    }

    private static long Key(int a, int b, int n) => (long)Math.Min(a, b) * n + Math.Max(a, b);

    private static bool[] PositiveEdges(List<(double Length, int A, int B)> edges, int count)
    {
        var parent = new int[count];
        for (int i = 0; i < count; i++) parent[i] = i;
        int Find(int x) { while (parent[x] != x) { parent[x] = parent[parent[x]]; x = parent[x]; } return x; }
        var positive = new bool[edges.Count];
        for (int e = 0; e < edges.Count; e++)
        {
            int ra = Find(edges[e].A), rb = Find(edges[e].B);
            if (ra == rb) positive[e] = true; else parent[ra] = rb;
        }
        return positive;
    }

    // Symmetric difference of two ascending index lists (addition over Z/2).
    private static List<int> AddMod2(List<int> a, List<int> b)
    {
        var result = new List<int>(a.Count + b.Count);
        int i = 0, j = 0;
        while (i < a.Count || j < b.Count)
        {
            if (j == b.Count || (i < a.Count && a[i] < b[j])) result.Add(a[i++]);
            else if (i == a.Count || b[j] < a[i]) result.Add(b[j++]);
            else { i++; j++; }
        }
        return result;
    }
}
