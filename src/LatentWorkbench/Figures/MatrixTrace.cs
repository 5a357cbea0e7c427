using System.Text.Json.Nodes;

namespace LatentWorkbench.Figures;

/// <summary>Shared fields of traces that colour a z matrix over an x/y grid (heatmap, contour).</summary>
public abstract class MatrixTrace : Trace
{
    private protected MatrixTrace(Matrix z, DataArray? x, DataArray? y)
    {
        if (x is { } xs && xs.Length != z.Columns && xs.Length != z.Columns + 1)
            throw new ArgumentException($"{GetType().Name}: 'x' has {xs.Length} values; expected z's column count {z.Columns} (or {z.Columns + 1} cell edges).", nameof(x));
        if (y is { } ys && ys.Length != z.Rows && ys.Length != z.Rows + 1)
            throw new ArgumentException($"{GetType().Name}: 'y' has {ys.Length} values; expected z's row count {z.Rows} (or {z.Rows + 1} cell edges).", nameof(y));
        Z = z;
        X = x;
        Y = y;
    }

    /// <summary>Values [rows, columns]; row i lies at y[i], column j at x[j]. NaN cells are left blank.</summary>
    public Matrix Z { get; }

    /// <summary>Column coordinates, [columns] (cell centres) or [columns + 1] (cell edges); default 0..columns-1.</summary>
    public DataArray? X { get; }

    /// <summary>Row coordinates, [rows] (cell centres) or [rows + 1] (cell edges); default 0..rows-1.</summary>
    public DataArray? Y { get; }

    /// <summary>Colour scale (plotly default when null).</summary>
    public ColorScale? ColorScale { get; set; }

    /// <summary>Value mapped to the low end of the colour scale.</summary>
    public double? ZMin { get; set; }

    /// <summary>Value mapped to the high end of the colour scale.</summary>
    public double? ZMax { get; set; }

    /// <summary>Whether to draw the colour bar (plotly default true).</summary>
    public bool? ShowScale { get; set; }

    /// <summary>Title and placement of the colour bar (null: plotly's defaults).</summary>
    public ColorBar? ColorBar { get; set; }

    private protected void WriteMatrix(JsonObject o)
    {
        o["z"] = Z.ToJson();
        if (X is { } x) o["x"] = x.ToJson();
        if (Y is { } y) o["y"] = y.ToJson();
        if (ColorScale is not null) o["colorscale"] = ColorScale.ToJson();
        o.SetIf("zmin", ZMin);
        o.SetIf("zmax", ZMax);
        o.SetIf("showscale", ShowScale);
        if (ColorBar is not null) o["colorbar"] = ColorBar.ToJson();
    }
}

/// <summary>Fluent setters for <see cref="MatrixTrace"/> that keep the concrete type.</summary>
public static class MatrixTraceExtensions
{
    /// <summary>Sets the colour scale and, optionally, the value range it spans.</summary>
    public static T WithColorScale<T>(this T trace, ColorScale scale, double? zmin = null, double? zmax = null) where T : MatrixTrace
    {
        if (zmin is { } lo && zmax is { } hi && !(lo < hi))
            throw new ArgumentException($"zmin ({lo}) must be below zmax ({hi}).", nameof(zmin));
        trace.ColorScale = scale;
        trace.ZMin = zmin ?? trace.ZMin;
        trace.ZMax = zmax ?? trace.ZMax;
        return trace;
    }

    /// <summary>Sets the colour bar title, or hides the bar when <paramref name="show"/> is false.</summary>
    public static T WithColorBar<T>(this T trace, string? title = null, bool show = true) where T : MatrixTrace
    {
        trace.ShowScale = show;
        trace.ColorBar = show && title is not null ? new ColorBar(title) : null;
        return trace;
    }
}
