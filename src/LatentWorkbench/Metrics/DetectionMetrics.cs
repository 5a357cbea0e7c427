namespace LatentWorkbench.Metrics;

/// <summary>
/// Out-of-distribution detection metrics with OOD as the positive class and higher scores meaning "more OOD",
/// computed as scikit-learn does (roc_curve / roc_auc_score; ties share a threshold).
/// </summary>
public static class DetectionMetrics
{
    /// <summary>
    /// Area under the ROC curve of <paramref name="inScores"/> [n_in] against <paramref name="outScores"/> [n_out]
    /// (trapezoids over distinct thresholds, so ties count one half): 1 when every OOD score is above every
    /// in-distribution score, 0.5 for chance.
    /// </summary>
    /// <example><code>
    /// double auroc = DetectionMetrics.Auroc([0.1, 0.2, 0.4], [0.3, 0.9]);   // 5 of 6 pairs ordered: 0.833
    /// double fpr = DetectionMetrics.Fpr95([0.1, 0.2, 0.4], [0.3, 0.9]);     // 1/3: 0.4 is flagged before 0.3
    /// </code></example>
    public static double Auroc(ReadOnlySpan<double> inScores, ReadOnlySpan<double> outScores)
    {
        var (fpr, tpr, _) = RocCurve(inScores, outScores);
        double area = 0;
        for (int i = 1; i < fpr.Length; i++) area += (fpr[i] - fpr[i - 1]) * (tpr[i] + tpr[i - 1]) / 2;
        return area;
    }

    /// <summary>False-positive rate on in-distribution data [n_in] at the first threshold that flags 95% of OOD points [n_out].</summary>
    public static double Fpr95(ReadOnlySpan<double> inScores, ReadOnlySpan<double> outScores) => FprAtTpr(inScores, outScores, 0.95);

    /// <summary>False-positive rate at the first ROC point whose true-positive rate reaches <paramref name="tpr"/>.</summary>
    public static double FprAtTpr(ReadOnlySpan<double> inScores, ReadOnlySpan<double> outScores, double tpr)
    {
        var (f, t, _) = RocCurve(inScores, outScores);
        for (int i = 0; i < t.Length; i++) if (t[i] >= tpr) return f[i];
        return 1.0;
    }

    /// <summary>
    /// ROC points (fpr, tpr) for decreasing thresholds, starting at (0, 0) with threshold +infinity and
    /// keeping every distinct score (scikit-learn with drop_intermediate = false): three arrays of length
    /// (distinct scores + 1), thresholds descending.
    /// </summary>
    public static (double[] Fpr, double[] Tpr, double[] Thresholds) RocCurve(ReadOnlySpan<double> inScores, ReadOnlySpan<double> outScores)
    {
        if (inScores.IsEmpty || outScores.IsEmpty) throw new ArgumentException("ROC needs at least one in-distribution and one OOD score");
        int n = inScores.Length + outScores.Length;
        var scores = new double[n];
        var positive = new bool[n];
        inScores.CopyTo(scores);
        outScores.CopyTo(scores.AsSpan(inScores.Length));
        for (int i = inScores.Length; i < n; i++) positive[i] = true;
        foreach (var s in scores) if (double.IsNaN(s)) throw new ArgumentException("scores contain NaN");
        var order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        Array.Sort(order, (a, b) => scores[b].CompareTo(scores[a]));

        var fpr = new List<double> { 0 };
        var tpr = new List<double> { 0 };
        var thr = new List<double> { double.PositiveInfinity };
        int tp = 0, fp = 0;
        for (int r = 0; r < n; r++)
        {
            int i = order[r];
            if (positive[i]) tp++; else fp++;
            if (r + 1 < n && scores[order[r + 1]] == scores[i]) continue;
            fpr.Add(fp / (double)inScores.Length);
            tpr.Add(tp / (double)outScores.Length);
            thr.Add(scores[i]);
        }
        return (fpr.ToArray(), tpr.ToArray(), thr.ToArray());
    }
}
