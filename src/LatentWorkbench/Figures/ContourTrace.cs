using System.Text.Json.Nodes;

namespace LatentWorkbench.Figures;

/// <summary>Contour lines or filled contours of a z matrix (plotly "contour").</summary>
public sealed class ContourTrace : MatrixTrace
{
    /// <summary>Creates a contour plot of <paramref name="z"/> [rows, columns] over cell-centre coordinates <paramref name="x"/> [columns] and <paramref name="y"/> [rows].</summary>
    public ContourTrace(Matrix z, DataArray? x = null, DataArray? y = null) : base(z, x, y)
    {
    }

    /// <inheritdoc />
    public override string PlotlyType => "contour";

    /// <summary>Upper bound on the number of levels plotly picks.</summary>
    public int? LevelCount { get; set; }

    /// <summary>True draws lines only; false fills between levels.</summary>
    public bool LinesOnly { get; set; }

    /// <summary>Writes the level value on each line.</summary>
    public bool ShowLabels { get; set; }

    private protected override void WriteData(JsonObject o)
    {
        WriteMatrix(o);
        o.SetIf("ncontours", LevelCount);
        if (LinesOnly || ShowLabels)
        {
            var c = new JsonObject();
            if (LinesOnly) c["coloring"] = "lines";
            if (ShowLabels) c["showlabels"] = true;
            o["contours"] = c;
        }
    }
}
