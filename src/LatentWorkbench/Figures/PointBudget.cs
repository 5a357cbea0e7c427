using System.Globalization;
using System.Text.Json.Nodes;

namespace LatentWorkbench.Figures;

/// <summary>
/// Keeps very large figures drawable. SVG scatter traces become unusably slow past a few hundred thousand points,
/// so above <see cref="WebGlThreshold"/> 2D scatter points the figure's scatter traces are written as WebGL
/// "scattergl"; above <see cref="ThinningThreshold"/> (where even the JSON is tens of megabytes) every k-th point is
/// kept and a note on the figure says so.
/// </summary>
public static class PointBudget
{
    /// <summary>2D scatter points in one figure above which scatter traces switch to WebGL.</summary>
    public const int WebGlThreshold = 200_000;

    /// <summary>2D scatter points in one figure above which they are thinned to about this many.</summary>
    public const int ThinningThreshold = 2_000_000;

    // Per-point arrays of a scatter trace, at the top level and inside marker.
    private static readonly string[] PointArrays = ["x", "y", "text", "hovertext", "customdata"];
    private static readonly string[] MarkerArrays = ["color", "size", "symbol", "opacity"];

    /// <summary>Applies the budget to a figure's JSON in place (data traces of type "scatter").</summary>
    internal static void Apply(JsonObject figure)
    {
        if (figure["data"] is not JsonArray data) return;
        var scatters = data.OfType<JsonObject>().Where(t => (string?)t["type"] == "scatter").ToList();
        long points = scatters.Sum(t => (t["x"] as JsonArray)?.Count ?? 0);
        if (points <= WebGlThreshold) return;
        foreach (var trace in scatters) trace["type"] = "scattergl";
        if (points <= ThinningThreshold) return;

        var stride = (int)Math.Ceiling(points / (double)ThinningThreshold);
        foreach (var trace in scatters)
        {
            var n = (trace["x"] as JsonArray)?.Count ?? 0;
            foreach (var key in PointArrays) Thin(trace, key, n, stride);
            if (trace["marker"] is JsonObject marker)
                foreach (var key in MarkerArrays) Thin(marker, key, n, stride);
            if (trace["error_y"] is JsonObject errorY) Thin(errorY, "array", n, stride);
        }
        var layout = figure["layout"] as JsonObject ?? new JsonObject();
        figure["layout"] = layout;
        var annotations = layout["annotations"] as JsonArray ?? new JsonArray();
        layout["annotations"] = annotations;
        annotations.Add(new JsonObject
        {
            ["text"] = string.Create(CultureInfo.InvariantCulture, $"{points:N0} points: 1 in {stride} shown"),
            ["xref"] = "paper", ["yref"] = "paper", ["x"] = 1, ["y"] = 0,
            ["xanchor"] = "right", ["yanchor"] = "bottom", ["showarrow"] = false,
            ["font"] = new JsonObject { ["size"] = 11, ["color"] = "#8a5a00" },
        });
    }

    private static void Thin(JsonObject owner, string key, int length, int stride)
    {
        if (owner[key] is not JsonArray values || values.Count != length) return;
        var kept = new JsonArray();
        for (var i = 0; i < values.Count; i += stride) kept.Add(values[i]?.DeepClone());
        owner[key] = kept;
    }
}
