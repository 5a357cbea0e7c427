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
}
