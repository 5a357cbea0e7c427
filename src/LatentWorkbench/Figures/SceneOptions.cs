using System.Text.Json.Nodes;

namespace LatentWorkbench.Figures;

/// <summary>Settings of a 3D scene (the axes of 3D traces).</summary>
public sealed class SceneOptions
{
    /// <summary>x axis title.</summary>
    public string? XTitle { get; set; }

    /// <summary>y axis title.</summary>
    public string? YTitle { get; set; }

    /// <summary>z axis title.</summary>
    public string? ZTitle { get; set; }

    /// <summary>"data" keeps true proportions, "cube" stretches to a cube, null lets plotly decide.</summary>
    public string? AspectMode { get; set; }

    internal JsonObject ToJson()
    {
        var o = new JsonObject();
        if (XTitle is not null) o["xaxis"] = new JsonObject { ["title"] = PlotlyJson.TitleObject(XTitle) };
        if (YTitle is not null) o["yaxis"] = new JsonObject { ["title"] = PlotlyJson.TitleObject(YTitle) };
        if (ZTitle is not null) o["zaxis"] = new JsonObject { ["title"] = PlotlyJson.TitleObject(ZTitle) };
        o.SetIf("aspectmode", AspectMode);
        return o;
    }
}
