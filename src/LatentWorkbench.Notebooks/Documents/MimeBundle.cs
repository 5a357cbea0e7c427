using System.Collections;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LatentWorkbench.Notebooks.Documents;

/// <summary>
/// Representations of one value keyed by MIME type. Text formats hold strings (base64 for binary
/// formats such as <c>image/png</c>); JSON formats (<c>application/json</c>, <c>application/*+json</c>) hold JSON trees.
/// </summary>
public sealed class MimeBundle : IReadOnlyDictionary<string, JsonNode>
{
    /// <summary>Plain text, the fallback every bundle should carry.</summary>
    public const string PlainText = "text/plain";
    /// <summary>HTML fragment.</summary>
    public const string Html = "text/html";
    /// <summary>Plotly figure JSON (data, layout, config).</summary>
    public const string Plotly = "application/vnd.plotly.v1+json";
    /// <summary>Base64 PNG image.</summary>
    public const string Png = "image/png";
    /// <summary>Markdown text.</summary>
    public const string Markdown = "text/markdown";
    /// <summary>SVG image.</summary>
    public const string Svg = "image/svg+xml";

    private readonly SortedDictionary<string, JsonNode> _items = new(StringComparer.Ordinal);

    /// <summary>Whether a MIME type carries JSON rather than text (nbformat's rule).</summary>
    public static bool IsJsonMime(string mime) =>
        mime == "application/json" || (mime.StartsWith("application/", StringComparison.Ordinal) && mime.EndsWith("+json", StringComparison.Ordinal));

    /// <summary>Sets one representation. Strings for JSON types are parsed; byte arrays are base64-encoded.</summary>
    public MimeBundle Set(string mime, object value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(mime);
        ArgumentNullException.ThrowIfNull(value);
        _items[mime] = ToNode(mime, value);
        return this;
    }

    /// <summary>A bundle holding only <c>text/plain</c>.</summary>
    public static MimeBundle FromText(string text) => new MimeBundle().Set(PlainText, text);

    /// <summary>Builds a bundle from the dictionary an <c>IMimeRenderable</c> returns.</summary>
    public static MimeBundle From(IReadOnlyDictionary<string, object> representations)
    {
        var bundle = new MimeBundle();
        foreach (var (mime, value) in representations) bundle.Set(mime, value);
        return bundle;
    }

    /// <summary>The representation as text: the string itself, or compact JSON for JSON types; null if absent.</summary>
    public string? GetText(string mime)
    {
        if (!_items.TryGetValue(mime, out var node)) return null;
        return node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : node.ToJsonString();
    }

    private static JsonNode ToNode(string mime, object value)
    {
        switch (value)
        {
            case JsonNode node:
                return node.Parent is null ? node : node.DeepClone();
            case byte[] bytes:
                return JsonValue.Create(Convert.ToBase64String(bytes));
            case string s when IsJsonMime(mime):
                try
                {
                    return JsonNode.Parse(s) ?? throw new ArgumentException($"MIME type '{mime}' expects JSON but got 'null'.");
                }
                catch (JsonException e)
                {
                    throw new ArgumentException($"MIME type '{mime}' expects a JSON string, but it does not parse: {e.Message}", nameof(value), e);
                }
            case string s:
                return JsonValue.Create(s);
            default:
                if (IsJsonMime(mime)) return JsonSerializer.SerializeToNode(value) ?? JsonValue.Create("null")!;
                return JsonValue.Create(value.ToString() ?? "");
        }
    }

    /// <inheritdoc />
    public JsonNode this[string key] => _items[key];
    /// <inheritdoc />
    public IEnumerable<string> Keys => _items.Keys;
    /// <inheritdoc />
    public IEnumerable<JsonNode> Values => _items.Values;
    /// <inheritdoc />
    public int Count => _items.Count;
    /// <inheritdoc />
    public bool ContainsKey(string key) => _items.ContainsKey(key);
    /// <inheritdoc />
    public bool TryGetValue(string key, out JsonNode value) => _items.TryGetValue(key, out value!);
    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, JsonNode>> GetEnumerator() => _items.GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
