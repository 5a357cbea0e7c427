using System.Text.Json.Nodes;

namespace LatentWorkbench.Figures;

/// <summary>A 2D scatter or line trace (plotly "scatter").</summary>
public sealed class ScatterTrace : Trace
{
    /// <summary>Creates a trace over paired x/y values, each [n].</summary>
    public ScatterTrace(DataArray x, DataArray y, ScatterMode mode = ScatterMode.Markers)
    {
        RequireSameLength("Scatter", ("x", x.Length), ("y", y.Length));
        X = x;
        Y = y;
        Mode = mode;
    }

    /// <inheritdoc />
    public override string PlotlyType => "scatter";

    /// <summary>Horizontal coordinates, [n]; NaN breaks a line.</summary>
    public DataArray X { get; }

    /// <summary>Vertical coordinates, [n]; NaN breaks a line.</summary>
    public DataArray Y { get; }

    /// <summary>Markers, lines, or text.</summary>
    public ScatterMode Mode { get; set; }

    /// <summary>Colour, size and symbol of the points (null: plotly's defaults).</summary>
    public MarkerStyle? Marker { get; set; }

    /// <summary>Colour, width and dash of the line (null: plotly's defaults).</summary>
    public LineStyle? Line { get; set; }

    /// <summary>Per-point labels drawn in text modes (and shown on hover), [n].</summary>
    public IReadOnlyList<string>? Text { get; set; }

    /// <summary>Per-point hover labels, [n].</summary>
    public IReadOnlyList<string>? HoverText { get; set; }

    /// <summary>Where text sits relative to its point, e.g. "top center".</summary>
    public string? TextPosition { get; set; }

    /// <summary>Symmetric error bar half-widths in y, [n].</summary>
    public DataArray? ErrorY { get; set; }

    /// <summary>Sets single-colour marker options.</summary>
    public ScatterTrace WithMarker(string? color = null, double? size = null, string? symbol = null, double? opacity = null)
    {
        var m = Marker ??= new MarkerStyle();
        m.Color = color ?? m.Color;
        m.Size = size ?? m.Size;
        m.Symbol = symbol ?? m.Symbol;
        m.Opacity = opacity ?? m.Opacity;
        return this;
    }

    /// <summary>Colours each point by its value in <paramref name="values"/> [n] through a colour scale, with an optional colour bar.</summary>
    public ScatterTrace WithMarkerColors(DataArray values, ColorScale? colorScale = null, ColorBar? colorBar = null, double? cmin = null, double? cmax = null)
    {
        RequireSameLength("Scatter", ("x", X.Length), ("colors", values.Length));
        var m = Marker ??= new MarkerStyle();
        m.Color = null;
        m.Colors = values;
        m.ColorScale = colorScale ?? ColorScale.Viridis;
        m.ColorBar = colorBar;
        m.CMin = cmin;
        m.CMax = cmax;
        return this;
    }

    /// <summary>Gives each point its own diameter in pixels, <paramref name="sizes"/> [n].</summary>
    public ScatterTrace WithMarkerSizes(DataArray sizes)
    {
        RequireSameLength("Scatter", ("x", X.Length), ("sizes", sizes.Length));
        var m = Marker ??= new MarkerStyle();
        m.Size = null;
        m.Sizes = sizes;
        return this;
    }

    /// <summary>Sets the line colour, width and dash.</summary>
    public ScatterTrace WithLine(string? color = null, double? width = null, LineDash? dash = null)
    {
        Line = new LineStyle(color ?? Line?.Color, width ?? Line?.Width, dash ?? Line?.Dash);
        return this;
    }

    /// <summary>Attaches per-point labels; <paramref name="hoverOnly"/> shows them on hover instead of drawing them.</summary>
    public ScatterTrace WithText(IReadOnlyList<string> text, bool hoverOnly = false, string? position = null)
    {
        if (text.Count != X.Length)
            throw new ArgumentException($"Scatter: 'text' has {text.Count} labels but 'x' has {X.Length} points; they must match.", nameof(text));
        if (hoverOnly) HoverText = text;
        else Text = text;
        TextPosition = position ?? TextPosition;
        return this;
    }

    /// <summary>Adds symmetric y error bars, <paramref name="halfWidths"/> [n].</summary>
    public ScatterTrace WithErrorY(DataArray halfWidths)
    {
        RequireSameLength("Scatter", ("x", X.Length), ("errorY", halfWidths.Length));
        ErrorY = halfWidths;
        return this;
    }

    private protected override void WriteData(JsonObject o)
    {
        o["mode"] = Mode.ToPlotly();
        o["x"] = X.ToJson();
        o["y"] = Y.ToJson();
        if (Marker is not null) o["marker"] = Marker.ToJson();
        if (Line is not null) o["line"] = Line.ToJson();
        if (Text is not null) o["text"] = PlotlyJson.Strings(Text);
        if (HoverText is not null) o["hovertext"] = PlotlyJson.Strings(HoverText);
        o.SetIf("textposition", TextPosition);
        if (ErrorY is { } e) o["error_y"] = ErrorBars(e);
    }

    internal static JsonObject ErrorBars(DataArray halfWidths) =>
        new() { ["type"] = "data", ["array"] = halfWidths.ToJson(), ["visible"] = true };
}
