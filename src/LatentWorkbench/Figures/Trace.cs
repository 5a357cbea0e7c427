using System.Text.Json.Nodes;

namespace LatentWorkbench.Figures;

/// <summary>One plotly.js trace. Subclasses add their data; placement on axes is decided by the <see cref="Figure"/>.</summary>
public abstract class Trace
{
    /// <summary>Legend and hover name.</summary>
    public string? Name { get; set; }

    /// <summary>Traces in the same group toggle together in the legend.</summary>
    public string? LegendGroup { get; set; }

    /// <summary>Whether the trace has a legend entry (plotly default when null).</summary>
    public bool? ShowLegend { get; set; }

    /// <summary>Trace opacity in [0, 1].</summary>
    public double? Opacity { get; set; }

    /// <summary>The plotly.js "type" this trace is written as.</summary>
    public abstract string PlotlyType { get; }

    /// <summary>True for 3D traces, which live in a scene instead of on x/y axes.</summary>
    public virtual bool IsThreeDimensional => false;

    /// <summary>Writes the type-specific fields.</summary>
    private protected abstract void WriteData(JsonObject trace);

    internal JsonObject ToJson(string? xAxis, string? yAxis, string? scene)
    {
        var o = new JsonObject { ["type"] = PlotlyType };
        o.SetIf("name", Name);
        o.SetIf("legendgroup", LegendGroup);
        o.SetIf("showlegend", ShowLegend);
        o.SetIf("opacity", Opacity);
        WriteData(o);
        if (IsThreeDimensional) o.SetIf("scene", scene);
        else
        {
            o.SetIf("xaxis", xAxis);
            o.SetIf("yaxis", yAxis);
        }
        return o;
    }

    private protected static void RequireSameLength(string trace, params (string Name, int Length)[] arrays)
    {
        for (var i = 1; i < arrays.Length; i++)
            if (arrays[i].Length != arrays[0].Length)
                throw new ArgumentException(
                    $"{trace}: '{arrays[i].Name}' has {arrays[i].Length} values but '{arrays[0].Name}' has {arrays[0].Length}; they must match.",
                    arrays[i].Name);
    }
}
