using System.Text.Json.Nodes;

namespace LatentWorkbench.Figures;

/// <summary>Settings of one cartesian axis. Null fields keep plotly's defaults.</summary>
public sealed class AxisOptions
{
    /// <summary>Text shown along the axis (null: none).</summary>
    public string? Title { get; set; }

    /// <summary>Logarithmic axis; <see cref="Range"/> is then given in data units and converted to log10.</summary>
    public bool Log { get; set; }

    /// <summary>Visible range in data units.</summary>
    public (double Min, double Max)? Range { get; set; }

    /// <summary>Draw the axis decreasing (images put row 0 at the top).</summary>
    public bool Reversed { get; set; }

    /// <summary>Lock this axis's scale to another axis id ("x", "x2", ...), for equal aspect.</summary>
    public string? ScaleAnchor { get; set; }

    /// <summary>Ticks, labels, grid and line shown (plotly default when null).</summary>
    public bool? Visible { get; set; }

    /// <summary>Whether grid lines are drawn.</summary>
    public bool? ShowGrid { get; set; }

    /// <summary>Whether the zero line is drawn.</summary>
    public bool? ZeroLine { get; set; }

    internal JsonObject ToJson()
    {
        var o = new JsonObject();
        if (Title is not null) o["title"] = PlotlyJson.TitleObject(Title);
        if (Log) o["type"] = "log";
        if (Range is { } r)
        {
            if (Log && !(r.Min > 0 && r.Max > 0))
                throw new InvalidOperationException($"Log axis range must be positive; got [{r.Min}, {r.Max}].");
            // plotly wants log-axis ranges as exponents.
            var (lo, hi) = Log ? (Math.Log10(r.Min), Math.Log10(r.Max)) : r;
            o["range"] = Reversed ? PlotlyJson.Pair(hi, lo) : PlotlyJson.Pair(lo, hi);
        }
        else if (Reversed) o["autorange"] = "reversed";
        if (ScaleAnchor is not null)
        {
            o["scaleanchor"] = ScaleAnchor;
            o["scaleratio"] = 1;
        }
        o.SetIf("visible", Visible);
        o.SetIf("showgrid", ShowGrid);
        o.SetIf("zeroline", ZeroLine);
        return o;
    }
}
