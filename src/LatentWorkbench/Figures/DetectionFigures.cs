using LatentWorkbench.LatentFields;
using LatentWorkbench.Metrics;

namespace LatentWorkbench.Figures;

/// <summary>Figures of OOD detectors: ROC curves of several scores and the score histograms of one.</summary>
public static class DetectionFigures
{
    /// <summary>
    /// One ROC curve per method (OOD = positive), its AUROC in the legend, and the chance diagonal; each method's scores
    /// are In [n_in] and Out [n_out], higher = more OOD.
    /// </summary>
    public static Figure Roc(IEnumerable<(string Method, double[] In, double[] Out)> scores, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(scores);
        var fig = Figure.Create();
        foreach (var (method, sIn, sOut) in scores)
        {
            var (fpr, tpr, _) = DetectionMetrics.RocCurve(sIn, sOut);
            fig.Add(Plot.Line(fpr, tpr, $"{method} (AUROC {DetectionMetrics.Auroc(sIn, sOut):F3})"));
        }
        fig.Add(Plot.Line(new[] { 0.0, 1.0 }, new[] { 0.0, 1.0 }, "chance").WithLine("gray", 1, LineDash.Dash));
        return fig.WithTitle(title ?? "ROC curves (OOD = positive)").WithXAxis("false-positive rate", range: (0, 1))
            .WithYAxis("true-positive rate", range: (0, 1)).WithSize(600, 500);
    }

    /// <summary>Overlaid histograms of one method's in-distribution scores <paramref name="inScores"/> [n_in] and OOD scores <paramref name="outScores"/> [n_out].</summary>
    public static Figure Histogram(double[] inScores, double[] outScores, string inName, string outName, string scoreName, int? bins = 40)
    {
        ArgumentNullException.ThrowIfNull(inScores);
        ArgumentNullException.ThrowIfNull(outScores);
        var a = Plot.Histogram(inScores, inName, bins).WithOpacity(0.6);
        var b = Plot.Histogram(outScores, outName, bins).WithOpacity(0.6);
        return Figure.Create(a, b).WithBarMode(BarMode.Overlay).WithTitle($"{scoreName} scores")
            .WithXAxis(scoreName).WithYAxis("count");
    }

    /// <summary>
    /// The controlled OOD experiment (<see cref="OodAblation"/>): AUROC of every condition as bars, one colour per
    /// in/out pair, mean over the results of that pair (one per seed) with the sample sd as error bars, and the kNN
    /// baseline as the last bar. Conditions keep the order of the first result.
    /// </summary>
    public static Figure Ablation(IReadOnlyList<OodAblationResult> results, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(results);
        if (results.Count == 0) throw new ArgumentException("need at least one result", nameof(results));
        var names = results[0].Conditions.Select(c => c.Name).ToList();
        var categories = names.Append("kNN").ToArray();
        var fig = Figure.Create();
        foreach (var pair in results.GroupBy(r => (r.InData, r.OutData)))
        {
            var seeds = pair.ToList();
            var means = new double[categories.Length];
            var sds = new double[categories.Length];
            for (int c = 0; c < categories.Length; c++)
            {
                var values = c < names.Count ? seeds.Select(r => r[names[c]].Auroc).ToArray() : seeds.Select(r => r.KnnAuroc).ToArray();
                (means[c], sds[c]) = SampleStatistics.MeanAndSd(values);
            }
            fig.Add(Plot.Bar(categories, means, $"{pair.Key.InData} in, {pair.Key.OutData} out").WithErrors(sds));
        }
        return fig.WithBarMode(BarMode.Group).WithTitle(title ?? "Trajectory OOD score: one factor changed per condition")
            .WithYAxis($"AUROC, 0.5 = chance (mean ± sd over {results.GroupBy(r => (r.InData, r.OutData)).Max(g => g.Count())} seeds)", range: (0, 1))
            .WithXAxis("condition").WithSize(900, 450);
    }
}
