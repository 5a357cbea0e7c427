using System.Text.Json.Nodes;

namespace LatentWorkbench.Figures;

/// <summary>A heatmap of a z matrix (plotly "heatmap").</summary>
public sealed class HeatmapTrace : MatrixTrace
{
    /// <summary>Creates a heatmap; x/y may be cell centres or cell edges.</summary>
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
