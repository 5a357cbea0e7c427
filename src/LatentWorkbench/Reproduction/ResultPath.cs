using System.Globalization;
using System.Text.Json.Nodes;

namespace LatentWorkbench.Reproduction;

/// <summary>
/// Finds a value in an experiment's JSON by a short path: names separated by dots, an array element by index
/// (<c>retrieval[0]</c>, <c>[-1]</c> is the last) or by the fields it holds (<c>rows[in=mnist,method=trajectory]</c>).
/// Example: <c>ResultPath.Find(json, "rows[dataset=mnist,k=2].memorization_mean")</c>.
/// </summary>
public static class ResultPath
{
    /// <summary>The node at <paramref name="path"/>, or null when any step is missing.</summary>
    public static JsonNode? Find(JsonNode? root, string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var node = root;
        foreach (var step in path.Split('.'))
        {
            int open = step.IndexOf('[');
            string name = open < 0 ? step : step[..open];
            if (name.Length > 0) node = (node as JsonObject)?[name];
            if (open >= 0)
            {
                if (!step.EndsWith(']')) throw new ArgumentException($"path '{path}': step '{step}' lacks its closing ']'", nameof(path));
                node = Select(node as JsonArray, step[(open + 1)..^1]);
            }
            if (node is null) return null;
        }
        return node;
    }

    /// <summary>Mean, sd and seed count of the number at <paramref name="path"/> (see <see cref="SeedSummary.Read"/>), or null.</summary>
    public static (double Mean, double Sd, int Seeds)? Number(JsonNode? root, string path) => SeedSummary.Read(Find(root, path));

    private static JsonNode? Select(JsonArray? array, string selector)
    {
        if (array is null) return null;
        if (int.TryParse(selector, NumberStyles.Integer, CultureInfo.InvariantCulture, out int index))
        {
            if (index < 0) index += array.Count;
            return index >= 0 && index < array.Count ? array[index] : null;
        }
        var conditions = selector.Split(',').Select(c => c.Split('=', 2)).ToArray();
        return array.FirstOrDefault(element => element is JsonObject o && conditions.All(c => c.Length == 2 && Matches(o[c[0].Trim()], c[1].Trim())));
    }

    private static bool Matches(JsonNode? field, string expected) => field switch
    {
        null => false,
        JsonValue v when v.TryGetValue(out string? s) => s == expected,
        _ => SeedSummary.Read(field) is { } x && double.TryParse(expected, NumberStyles.Float, CultureInfo.InvariantCulture, out double e) && x.Mean == e,
    };
}
