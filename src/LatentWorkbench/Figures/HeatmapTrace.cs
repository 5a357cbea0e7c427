using System.Text.Json.Nodes;

namespace LatentWorkbench.Figures;

/// <summary>A heatmap of a z matrix (plotly "heatmap").</summary>
public sealed class HeatmapTrace : MatrixTrace
{
    /// <summary>Creates a heatmap of <paramref name="z"/> [rows, columns]; <paramref name="x"/> and <paramref name="y"/> are cell centres ([columns], [rows]) or cell edges ([columns + 1], [rows + 1]).</summary>
    public HeatmapTrace(Matrix z, DataArray? x = null, DataArray? y = null) : base(z, x, y)
    {
    }

    /// <inheritdoc />
    public override string PlotlyType => "heatmap";

    /// <summary>Horizontal gap between cells in pixels.</summary>
    public double? XGap { get; set; }

    /// <summary>Vertical gap between cells in pixels.</summary>
    public double? YGap { get; set; }

    private protected override void WriteData(JsonObject o)
    {
        WriteMatrix(o);
        o.SetIf("xgap", XGap);
        o.SetIf("ygap", YGap);
    }
}
