using System.Text;
using System.Text.Json.Nodes;

namespace LatentWorkbench.Notebooks.Documents;

/// <summary>nbformat's multiline strings: stored as a list of lines (each keeping its line break), read back joined.</summary>
internal static class MultilineText
{
    /// <summary>Splits like Python's <c>str.splitlines(keepends=True)</c>, which nbformat uses when writing.</summary>
    public static List<string> SplitLines(string text)
    {
        var lines = new List<string>();
        int start = 0;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (!IsLineBreak(c)) continue;
            if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
            lines.Add(text.Substring(start, i + 1 - start));
            start = i + 1;
        }
        if (start < text.Length) lines.Add(text[start..]);
        return lines;
    }

    private static bool IsLineBreak(char c) =>
        c is '\n' or '\r' or '\v' or '\f' or '\x1c' or '\x1d' or '\x1e' or '\x85' or '\u2028' or '\u2029';

    /// <summary>A JSON array of the lines of <paramref name="text"/>.</summary>
    public static JsonArray ToJson(string text)
    {
        var array = new JsonArray();
        foreach (var line in SplitLines(text)) array.Add(line);
        return array;
    }

    /// <summary>Reads a string or list of strings; <paramref name="field"/> names it in errors.</summary>
    public static string FromJson(JsonNode? node, string path, string field)
    {
        switch (node)
        {
            case null:
                return "";
            case JsonArray array:
                var sb = new StringBuilder();
                foreach (var item in array)
                {
                    if (item is JsonValue v && v.TryGetValue<string>(out var s)) sb.Append(s);
                    else throw new NotebookFormatException(path, $"'{field}' must be a string or a list of strings.");
                }
                return sb.ToString();
            case JsonValue value when value.TryGetValue<string>(out var text):
                return text;
            default:
                throw new NotebookFormatException(path, $"'{field}' must be a string or a list of strings.");
        }
    }
}
