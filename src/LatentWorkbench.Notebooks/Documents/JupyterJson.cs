using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LatentWorkbench.Notebooks.Documents;

/// <summary>
/// Writes JSON byte-for-byte like Jupyter (Python <c>json.dumps(nb, sort_keys=True, indent=1, ensure_ascii=False)</c>):
/// keys sorted, one-space indent, non-ASCII text unescaped. Matching Jupyter keeps diffs small when a notebook
/// is saved alternately from Jupyter and from the workbench.
/// </summary>
internal static class JupyterJson
{
    /// <summary>Serializes <paramref name="node"/> in Jupyter's layout (no trailing newline).</summary>
    public static string Write(JsonNode? node, int indent = 1)
    {
        var sb = new StringBuilder();
        WriteNode(sb, node, 0, indent);
        return sb.ToString();
    }

    private static void WriteNode(StringBuilder sb, JsonNode? node, int depth, int indent)
    {
        switch (node)
        {
            case null:
                sb.Append("null");
                break;
            case JsonObject obj:
                if (obj.Count == 0) { sb.Append("{}"); break; }
                sb.Append('{');
                bool first = true;
                foreach (var (key, value) in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    if (!first) sb.Append(',');
                    first = false;
                    NewLine(sb, depth + 1, indent);
                    WriteString(sb, key);
                    sb.Append(": ");
                    WriteNode(sb, value, depth + 1, indent);
                }
                NewLine(sb, depth, indent);
                sb.Append('}');
                break;
            case JsonArray arr:
                if (arr.Count == 0) { sb.Append("[]"); break; }
                sb.Append('[');
                for (int i = 0; i < arr.Count; i++)
                {
                    if (i > 0) sb.Append(',');
                    NewLine(sb, depth + 1, indent);
                    WriteNode(sb, arr[i], depth + 1, indent);
                }
                NewLine(sb, depth, indent);
                sb.Append(']');
                break;
            case JsonValue value:
                WriteValue(sb, value);
                break;
        }
    }

    private static void WriteValue(StringBuilder sb, JsonValue value)
    {
        switch (value.GetValueKind())
        {
            case JsonValueKind.String:
                WriteString(sb, value.GetValue<string>());
                break;
            case JsonValueKind.True:
                sb.Append("true");
                break;
            case JsonValueKind.False:
                sb.Append("false");
                break;
            case JsonValueKind.Null:
                sb.Append("null");
                break;
            case JsonValueKind.Number:
                if (value.TryGetValue<JsonElement>(out var element)) sb.Append(element.GetRawText()); // parsed numbers keep their text
                else if (value.TryGetValue<double>(out var d)) sb.Append(FormatDouble(d));
                else if (value.TryGetValue<float>(out var f)) sb.Append(FormatDouble(f));
                else sb.Append(value.ToJsonString());
                break;
            default:
                sb.Append(value.ToJsonString());
                break;
        }
    }

    /// <summary>Python's float repr: shortest round-trip digits, always with a fraction or exponent.</summary>
    private static string FormatDouble(double d)
    {
        if (double.IsNaN(d)) return "NaN";
        if (double.IsPositiveInfinity(d)) return "Infinity";
        if (double.IsNegativeInfinity(d)) return "-Infinity";
        var s = d.ToString("R", CultureInfo.InvariantCulture);
        return s.Contains('.') || s.Contains('E') || s.Contains('e') ? s.Replace("E+", "e+").Replace("E-", "e-") : s + ".0";
    }

    private static void NewLine(StringBuilder sb, int depth, int indent)
    {
        sb.Append('\n');
        sb.Append(' ', depth * indent);
    }

    /// <summary>Escapes like Python's json with ensure_ascii=False: only quotes, backslashes and control characters.</summary>
    internal static void WriteString(StringBuilder sb, string s)
    {
        sb.Append('"');
        for (int i = 0; i < s.Length; i++)
        {
            char c = s[i];
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                default:
                    if (c < 0x20 || (char.IsSurrogate(c) && !IsPairedSurrogate(s, i)))
                        sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else
                        sb.Append(c);
                    break;
            }
        }
        sb.Append('"');
    }

    private static bool IsPairedSurrogate(string s, int i) =>
        char.IsHighSurrogate(s[i]) ? i + 1 < s.Length && char.IsLowSurrogate(s[i + 1])
                                   : i > 0 && char.IsHighSurrogate(s[i - 1]);
}
