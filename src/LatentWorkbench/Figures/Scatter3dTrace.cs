using System.Text.Json.Nodes;

namespace LatentWorkbench.Figures;

/// <summary>A 3D scatter or line trace (plotly "scatter3d").</summary>
public sealed class Scatter3dTrace : Trace
{
    /// <summary>Creates a trace over x/y/z triples, each [n].</summary>
    public Scatter3dTrace(DataArray x, DataArray y, DataArray z, ScatterMode mode = ScatterMode.Markers)
    {
        RequireSameLength("Scatter3d", ("x", x.Length), ("y", y.Length), ("z", z.Length));
        X = x;
        Y = y;
        Z = z;
        Mode = mode;
    }

    /// <inheritdoc />
    public override string PlotlyType => "scatter3d";

    /// <inheritdoc />
    public override bool IsThreeDimensional => true;

    /// <summary>x coordinates, [n].</summary>
    public DataArray X { get; }

    /// <summary>y coordinates, [n].</summary>
    public DataArray Y { get; }

    /// <summary>z coordinates, [n]; NaN breaks a line.</summary>
    public DataArray Z { get; }

    /// <summary>Markers, lines, or text.</summary>
    public ScatterMode Mode { get; set; }

    /// <summary>Colour, size and symbol of the points (null: plotly's defaults).</summary>
    public MarkerStyle? Marker { get; set; }

    /// <summary>Line appearance (dash is ignored by plotly in 3D).</summary>
    public LineStyle? Line { get; set; }

    /// <summary>Sets single-colour marker options.</summary>
    public Scatter3dTrace WithMarker(string? color = null, double? size = null, double? opacity = null)
    {
        var m = Marker ??= new MarkerStyle();
        m.Color = color ?? m.Color;
        m.Size = size ?? m.Size;
        m.Opacity = opacity ?? m.Opacity;
        return this;
    }

    /// <summary>Colours each point by its value in <paramref name="values"/> [n] through a colour scale.</summary>
    public Scatter3dTrace WithMarkerColors(DataArray values, ColorScale? colorScale = null, ColorBar? colorBar = null)
    {
        RequireSameLength("Scatter3d", ("x", X.Length), ("colors", values.Length));
        var m = Marker ??= new MarkerStyle();
        m.Color = null;
        m.Colors = values;
        m.ColorScale = colorScale ?? ColorScale.Viridis;
        m.ColorBar = colorBar;
        return this;
    }

    /// <summary>Sets the line colour and width.</summary>
    public Scatter3dTrace WithLine(string? color = null, double? width = null)
    {
        Line = new LineStyle(color, width);
        return this;
    }

    private protected override void WriteData(JsonObject o)
    {
        o["mode"] = Mode.ToPlotly();
        o["x"] = X.ToJson();
        o["y"] = Y.ToJson();
        o["z"] = Z.ToJson();
        if (Marker is not null) o["marker"] = Marker.ToJson();
        if (Line is not null) o["line"] = Line.ToJson();
    }
}
