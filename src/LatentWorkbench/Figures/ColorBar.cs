using System.Text.Json.Nodes;

namespace LatentWorkbench.Figures;

/// <summary>The colour bar beside a colour-mapped trace.</summary>
/// <param name="Title">Text above the bar.</param>
/// <param name="X">Horizontal position in paper coordinates (move it when several bars share a figure).</param>
/// <param name="Length">Bar length as a fraction of the plot height.</param>
public sealed record ColorBar(string? Title = null, double? X = null, double? Length = null)
{
    internal JsonObject ToJson()
    {
        var o = new JsonObject();
        if (Title is not null) o["title"] = PlotlyJson.TitleObject(Title);
        o.SetIf("x", X);
        o.SetIf("len", Length);
        return o;
    }
}
