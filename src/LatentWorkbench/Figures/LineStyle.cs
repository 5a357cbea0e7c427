using System.Text.Json.Nodes;

namespace LatentWorkbench.Figures;

/// <summary>Dash pattern of a line.</summary>
public enum LineDash
{
    /// <summary>Continuous.</summary>
    Solid,
    /// <summary>Dotted.</summary>
    Dot,
    /// <summary>Dashed.</summary>
    Dash,
    /// <summary>Alternating dash and dot.</summary>
    DashDot,
}

/// <summary>Line appearance: colour (any CSS colour), width in pixels, dash pattern.</summary>
public sealed record LineStyle(string? Color = null, double? Width = null, LineDash? Dash = null)
{
    internal JsonObject ToJson()
    {
        var o = new JsonObject();
        o.SetIf("color", Color);
        o.SetIf("width", Width);
        if (Dash is { } d)
            o["dash"] = d switch
            {
                LineDash.Solid => "solid",
                LineDash.Dot => "dot",
                LineDash.Dash => "dash",
                LineDash.DashDot => "dashdot",
                _ => throw new ArgumentOutOfRangeException(nameof(Dash), d, "Unknown line dash."),
            };
        return o;
    }
}
