using System.Numerics.Tensors;

namespace LatentWorkbench.LatentFields;

/// <summary>Greedy merging of end points into representatives: the first point of each group represents it.</summary>
/// <example><code>
/// float[] ends = [0f, 0f,  0.05f, 0f,  3f, 4f];   // three end points, [3 * 2]
/// var (reps, labels) = Deduplication.Merge(ends, k: 2, DedupRule.Euclidean, threshold: 0.1);   // reps [2 * 2], labels [0, 0, 1]
/// </code></example>
public static class Deduplication
{
    /// <summary>
    /// Assigns each selected row of <paramref name="points"/> [n * k] to a representative: the earliest one within the
    /// threshold, or the row itself when none is. Rows with <paramref name="include"/>[i] false get label -1.
    /// Returns the representatives [m * k] and labels [n].
    /// </summary>
    public static (float[] Representatives, int[] Labels) Merge(ReadOnlySpan<float> points, int k, DedupRule rule, double threshold, IReadOnlyList<bool>? include = null)
    {
        if (k < 1) throw new ArgumentOutOfRangeException(nameof(k), k, "must be positive");
        if (points.Length % k != 0) throw new ArgumentException($"points must have {k} numbers per row; got {points.Length}", nameof(points));
        int n = points.Length / k;
        if (include is not null && include.Count != n) throw new ArgumentException($"include has {include.Count} flags for {n} points", nameof(include));
        var labels = new int[n];
        var reps = new List<float>();
        var repNorms = new List<float>();
        // Euclidean rule: ||p - q|| >= | ||p|| - ||q|| |, so only representatives whose norm lies within the radius of
        // p's can match. Keeping their norms sorted turns the scan over all representatives into a scan over a window,
        // which matters when there are thousands of attractors (large k) and their norms spread.
        var sortedNorms = new List<float>();
        var sortedIds = new List<int>();
        for (int i = 0; i < n; i++)
        {
            if (include is not null && !include[i]) { labels[i] = -1; continue; }
            var p = points.Slice(i * k, k);
            float norm = TensorPrimitives.Norm(p);
            var repSpan = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(reps);
            int found = -1;
            if (rule == DedupRule.Euclidean)
            {
                // Widened by a few float ulps of the norms so rounding cannot drop a representative at the border.
                double window = threshold + 1e-5 * norm + 1e-6;
                int lo = LowerBound(sortedNorms, (float)(norm - window));
                for (int s = lo; s < sortedNorms.Count && sortedNorms[s] <= norm + window; s++)
                {
                    int r = sortedIds[s];
                    if ((found < 0 || r < found) && TensorPrimitives.Distance(p, repSpan.Slice(r * k, k)) < threshold) found = r;
                }
            }
            else
            {
                for (int r = 0; r < repNorms.Count && found < 0; r++)
                    if (TensorPrimitives.Dot(p, repSpan.Slice(r * k, k)) / Math.Max((double)norm * repNorms[r], 1e-30) > threshold) found = r;
            }
            if (found < 0)
            {
                found = repNorms.Count;
                foreach (var v in p) reps.Add(v);
                repNorms.Add(norm);
                int at = LowerBound(sortedNorms, norm);
                sortedNorms.Insert(at, norm);
                sortedIds.Insert(at, found);
            }
            labels[i] = found;
        }
        return (reps.ToArray(), labels);
    }

    private static int LowerBound(List<float> sorted, float value)
    {
        int lo = 0, hi = sorted.Count;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < value) lo = mid + 1; else hi = mid;
        }
        return lo;
    }
}
