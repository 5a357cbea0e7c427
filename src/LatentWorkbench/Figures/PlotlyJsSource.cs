namespace LatentWorkbench.Figures;

/// <summary>Where a standalone HTML file gets plotly.js from.</summary>
public enum PlotlyJsSource
{
    /// <summary>Inline the local bundle when one is found, else reference the CDN.</summary>
    Auto,
    /// <summary>Inline the local bundle (works offline); fail when none is found.</summary>
    Inline,
    /// <summary>Reference <see cref="PlotlyJs.CdnUrl"/> (small file, needs network to view).</summary>
    Cdn,
}
