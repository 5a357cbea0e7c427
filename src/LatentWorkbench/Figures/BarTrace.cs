using System.Text.Json.Nodes;

namespace LatentWorkbench.Figures;

/// <summary>Bars over categories or numeric positions (plotly "bar").</summary>
public sealed class BarTrace : Trace
{
    private readonly IReadOnlyList<string>? _categories;
    private readonly DataArray? _positions;

    /// <summary>Bars labelled by category: <paramref name="categories"/> and <paramref name="values"/> [bars].</summary>
    public BarTrace(IReadOnlyList<string> categories, DataArray values)
    {
        if (categories.Count != values.Length)
            throw new ArgumentException($"Bar: {categories.Count} categories but {values.Length} values; they must match.", nameof(values));
        _categories = categories.ToArray();
        Values = values;
    }

    /// <summary>Bars at numeric positions: <paramref name="positions"/> and <paramref name="values"/> [bars].</summary>
    public BarTrace(DataArray positions, DataArray values)
    {
        RequireSameLength("Bar", ("positions", positions.Length), ("values", values.Length));
        _positions = positions;
        Values = values;
    }

    /// <inheritdoc />
    public override string PlotlyType => "bar";

    /// <summary>Bar heights (lengths when horizontal), [bars].</summary>
    public DataArray Values { get; }

    /// <summary>Draw bars horizontally (categories on the y axis).</summary>
    public bool Horizontal { get; set; }

    /// <summary>One CSS colour for every bar (null: plotly's colour cycle).</summary>
    public string? Color { get; set; }

    /// <summary>Symmetric error bar half-widths, [bars] (null: none).</summary>
    public DataArray? Errors { get; set; }

    /// <summary>Sets the bar colour.</summary>
    public BarTrace WithColor(string color)
    {
        Color = color;
        return this;
    }

    /// <summary>Adds symmetric error bars, <paramref name="halfWidths"/> [bars].</summary>
    public BarTrace WithErrors(DataArray halfWidths)
    {
        RequireSameLength("Bar", ("values", Values.Length), ("errors", halfWidths.Length));
        Errors = halfWidths;
        return this;
    }

    /// <summary>Lays the bars horizontally.</summary>
    public BarTrace AsHorizontal()
    {
        Horizontal = true;
        return this;
    }

    private protected override void WriteData(JsonObject o)
    {
        JsonNode where = _categories is not null ? PlotlyJson.Strings(_categories) : _positions!.Value.ToJson();
        var (posKey, valKey) = Horizontal ? ("y", "x") : ("x", "y");
        o[posKey] = where;
        o[valKey] = Values.ToJson();
        if (Horizontal) o["orientation"] = "h";
        if (Color is not null) o["marker"] = new JsonObject { ["color"] = Color };
        if (Errors is { } e) o[Horizontal ? "error_x" : "error_y"] = ScatterTrace.ErrorBars(e);
    }
}
