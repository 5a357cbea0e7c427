namespace LatentWorkbench.Figures;

/// <summary>Fluent setters shared by every trace type; they return the trace itself so calls chain.</summary>
public static class TraceExtensions
{
    /// <summary>Sets the legend name.</summary>
    public static T Named<T>(this T trace, string name) where T : Trace
    {
        trace.Name = name;
        return trace;
    }

    /// <summary>Puts the trace in a legend group; <paramref name="showLegend"/> false hides its own entry (useful for the 2nd..nth member).</summary>
    public static T InLegendGroup<T>(this T trace, string group, bool showLegend = true) where T : Trace
    {
        trace.LegendGroup = group;
        trace.ShowLegend = showLegend;
        return trace;
    }

    /// <summary>Removes the legend entry.</summary>
    public static T HideFromLegend<T>(this T trace) where T : Trace
    {
        trace.ShowLegend = false;
        return trace;
    }

    /// <summary>Sets the trace opacity.</summary>
    public static T WithOpacity<T>(this T trace, double opacity) where T : Trace
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(opacity, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(opacity, 1);
        trace.Opacity = opacity;
        return trace;
    }
}
