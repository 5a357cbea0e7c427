using System.Numerics.Tensors;

namespace LatentWorkbench.LatentFields;

/// <summary>Greedy merging of end points into representatives: the first point of each group represents it.</summary>
public static class Deduplication
{
    /// <summary>
    /// Assigns each selected row of <paramref name="points"/> [n * k] to a representative. Rows with
    /// <paramref name="include"/>[i] false get label -1. Returns the representatives [m * k] and labels [n].
    /// </summary>
    public static (float[] Representatives, int[] Labels) Merge(ReadOnlySpan<float> points, int k, DedupRule rule, double threshold, IReadOnlyList<bool>? include = null)
    {
        if (k < 1) throw new ArgumentOutOfRangeException(nameof(k), k, "must be positive");
        if (points.Length % k != 0) throw new ArgumentException($"points must have {k} numbers per row; got {points.Length}", nameof(points));
        int n = points.Length / k;
        var labels = new int[n];
        var reps = new List<float>();
        var repNorms = new List<float>();
        for (int i = 0; i < n; i++)
        {
            if (include is not null && !include[i]) { labels[i] = -1; continue; }
            var p = points.Slice(i * k, k);
            float norm = TensorPrimitives.Norm(p);
            int found = -1;
            var repSpan = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(reps);
            for (int r = 0; r < repNorms.Count && found < 0; r++)
            {
                var q = repSpan.Slice(r * k, k);
                bool same = rule == DedupRule.Euclidean
                    ? TensorPrimitives.Distance(p, q) < threshold
                    : TensorPrimitives.Dot(p, q) / Math.Max((double)norm * repNorms[r], 1e-30) > threshold;
                if (same) found = r;
            }
            if (found < 0)
            {
                found = repNorms.Count;
                foreach (var v in p) reps.Add(v);
                repNorms.Add(norm);
            }
            labels[i] = found;
        }
        return (reps.ToArray(), labels);
    }
}
