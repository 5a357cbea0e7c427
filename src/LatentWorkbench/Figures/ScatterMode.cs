namespace LatentWorkbench.Figures;

/// <summary>How scatter points are drawn.</summary>
public enum ScatterMode
{
    /// <summary>Points only.</summary>
    Markers,
    /// <summary>Connected lines only.</summary>
    Lines,
    /// <summary>Lines with a marker at each point.</summary>
    LinesMarkers,
    /// <summary>Text labels only.</summary>
    Text,
    /// <summary>Markers with text labels.</summary>
    MarkersText,
}

internal static class ScatterModeJson
{
    public static string ToPlotly(this ScatterMode mode) => mode switch
    {
        ScatterMode.Markers => "markers",
        ScatterMode.Lines => "lines",
        ScatterMode.LinesMarkers => "lines+markers",
        ScatterMode.Text => "text",
        ScatterMode.MarkersText => "markers+text",
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown scatter mode."),
    };
}
