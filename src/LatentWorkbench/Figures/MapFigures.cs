using LatentWorkbench.FunctionalMaps;

namespace LatentWorkbench.Figures;

/// <summary>Figures of the functional-map method (Latent Functional Maps): where a map distorts.</summary>
public static class MapFigures
{
    /// <summary>
    /// Mean distortion per class (bars) and the points in the source's spectral embedding coloured by distortion;
    /// <paramref name="labels"/> [n] are the source points' classes 0..<paramref name="classes"/>-1.
    /// </summary>
    public static Figure Distortion(MapDistortionResult result, IReadOnlyList<int> labels, int classes, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        var mean = result.PerClassMean(labels, classes);
        var fig = Figure.Subplots(1, 2, ["mean distortion per class", "per-point distortion (source spectral embedding)"]);
        fig.Add(Plot.Bar(Enumerable.Range(0, classes).Select(c => c.ToString()).ToArray(), mean, "mean distortion"), 1, 1);
        if (result.SpectralX != null && result.SpectralY != null)
        {
            var pts = Plot.Scatter(result.SpectralX, result.SpectralY, "points");
            pts.WithMarkerColors(result.PerPoint, ColorScale.Viridis, new ColorBar { Title = "distortion" });
            pts.HoverText = labels.Select(l => $"class {l}").ToArray();
            fig.Add(pts, 1, 2);
        }
        return fig.WithTitle(title ?? $"Where the map distorts (leading eigenvalue of C^T C - I: {result.LeadingEigenvalue:F3})");
    }
}
