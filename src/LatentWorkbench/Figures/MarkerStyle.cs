using System.Text.Json.Nodes;

namespace LatentWorkbench.Figures;

/// <summary>
/// Marker appearance. Either one <see cref="Color"/> for all points or per-point <see cref="Colors"/>
/// mapped through <see cref="ColorScale"/>; either one <see cref="Size"/> or per-point <see cref="Sizes"/>.
/// </summary>
public sealed class MarkerStyle
{
    /// <summary>One CSS colour for every point.</summary>
    public string? Color { get; set; }

    /// <summary>Per-point values mapped to colours through <see cref="ColorScale"/>.</summary>
    public DataArray? Colors { get; set; }

    /// <summary>Colour scale for <see cref="Colors"/>.</summary>
    public ColorScale? ColorScale { get; set; }

    /// <summary>Lower end of the colour range (default: data minimum).</summary>
    public double? CMin { get; set; }

    /// <summary>Upper end of the colour range (default: data maximum).</summary>
    public double? CMax { get; set; }

    /// <summary>The colour bar; shown when set.</summary>
    public ColorBar? ColorBar { get; set; }

    /// <summary>Marker diameter in pixels.</summary>
    public double? Size { get; set; }

    /// <summary>Per-point diameters in pixels.</summary>
    public DataArray? Sizes { get; set; }

    /// <summary>plotly symbol name, e.g. "circle", "x", "diamond".</summary>
    public string? Symbol { get; set; }

    /// <summary>Marker opacity in [0, 1].</summary>
    public double? Opacity { get; set; }

    internal JsonObject ToJson()
    {
        if (Color is not null && Colors is not null)
            throw new InvalidOperationException("Marker has both a single Color and per-point Colors; set only one.");
        if (Size is not null && Sizes is not null)
            throw new InvalidOperationException("Marker has both a single Size and per-point Sizes; set only one.");
        var o = new JsonObject();
        o.SetIf("color", Color);
        if (Colors is { } c) o["color"] = c.ToJson();
        if (ColorScale is not null) o["colorscale"] = ColorScale.ToJson();
        o.SetIf("cmin", CMin);
        o.SetIf("cmax", CMax);
        if (Colors is not null) o["showscale"] = ColorBar is not null;
        if (ColorBar is not null) o["colorbar"] = ColorBar.ToJson();
        o.SetIf("size", Size);
        if (Sizes is { } s) o["size"] = s.ToJson();
        o.SetIf("symbol", Symbol);
        o.SetIf("opacity", Opacity);
        return o;
    }
}
