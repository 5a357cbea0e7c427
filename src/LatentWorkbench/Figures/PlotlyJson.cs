using System.Text.Json;
using System.Text.Json.Nodes;

namespace LatentWorkbench.Figures;

/// <summary>Small helpers that turn values into plotly.js JSON nodes.</summary>
internal static class PlotlyJson
{
    /// <summary>Compact output; the default encoder escapes &lt; &gt; &amp; so the JSON is safe inside a script tag.</summary>
    public static readonly JsonSerializerOptions Compact = new() { WriteIndented = false };

    public static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    // plotly.js treats null as a missing point (a gap in lines, a transparent heatmap cell);
    // JSON has no NaN/Infinity, so both map to null.
    public static JsonNode? Number(double v) => double.IsFinite(v) ? JsonValue.Create(v) : null;

    public static JsonNode? Number(float v) => float.IsFinite(v) ? JsonValue.Create(v) : null;

    public static JsonArray Strings(IEnumerable<string> values)
    {
        var a = new JsonArray();
        foreach (var s in values) a.Add(JsonValue.Create(s));
        return a;
    }

    public static JsonArray Pair(double a, double b) => new(Number(a), Number(b));

    public static JsonObject TitleObject(string text) => new() { ["text"] = text };

    /// <summary>Sets <paramref name="key"/> only when <paramref name="value"/> is present, so output stays minimal.</summary>
    public static void SetIf(this JsonObject o, string key, string? value)
    {
        if (value is not null) o[key] = value;
    }

    public static void SetIf(this JsonObject o, string key, double? value)
    {
        if (value is { } v) o[key] = Number(v);
    }

    public static void SetIf(this JsonObject o, string key, int? value)
    {
        if (value is { } v) o[key] = v;
    }

    public static void SetIf(this JsonObject o, string key, bool? value)
    {
        if (value is { } v) o[key] = v;
    }

    public static void SetIf(this JsonObject o, string key, JsonNode? value)
    {
        if (value is not null) o[key] = value;
    }
}
