using System.Text.Json;
using System.Text.Json.Nodes;
using LatentWorkbench.Engine.Serialization;

namespace LatentWorkbench.Notebooks.Documents;

/// <summary>
/// Reads and writes Jupyter <c>.ipynb</c> files (nbformat 4). Fields this code does not model are kept verbatim,
/// and output matches Jupyter's own serializer, so read-then-write of a Jupyter-saved notebook is byte-identical.
/// </summary>
public static class IpynbFormat
{
    private static readonly HashSet<string> KnownCellKeys = ["cell_type", "id", "metadata", "source", "execution_count", "outputs"];
    private static readonly HashSet<string> KnownRootKeys = ["cells", "metadata", "nbformat", "nbformat_minor"];
    private static readonly HashSet<string> SplitNonTextMimes = ["application/javascript", "image/svg+xml"];

    /// <summary>Reads a notebook file.</summary>
    public static NotebookDocument Read(string path) => Parse(File.ReadAllText(path), path);

    /// <summary>Parses notebook JSON; <paramref name="path"/> names the source in errors.</summary>
    public static NotebookDocument Parse(string json, string path = "<notebook>")
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json);
        }
        catch (JsonException e)
        {
            var reason = e.Message;
            var cut = reason.IndexOf(" Path:", StringComparison.Ordinal);
            if (cut > 0) reason = reason[..cut];
            throw new NotebookFormatException(path, $"malformed notebook JSON: {reason}",
                (e.LineNumber ?? 0) + 1, (e.BytePositionInLine ?? 0) + 1, e);
        }
        if (root is not JsonObject obj) throw new NotebookFormatException(path, "the notebook must be a JSON object.");

        var doc = new NotebookDocument
        {
            Format = ReadInt(obj, "nbformat", path) ?? throw new NotebookFormatException(path, "missing 'nbformat'."),
            FormatMinor = ReadInt(obj, "nbformat_minor", path) ?? 0,
        };
        if (doc.Format != 4) throw new NotebookFormatException(path, $"'nbformat' is {doc.Format}; only nbformat 4 is supported.");
        doc.Metadata = ReadObject(obj, "metadata", path) ?? new JsonObject();
        foreach (var (key, value) in obj)
            if (!KnownRootKeys.Contains(key)) doc.Extra[key] = value?.DeepClone();

        if (obj["cells"] is not JsonArray cells) throw new NotebookFormatException(path, "missing 'cells' list.");
        for (int i = 0; i < cells.Count; i++)
            doc.Cells.Add(ReadCell(cells[i] as JsonObject ?? throw new NotebookFormatException(path, $"cells[{i}] must be an object."), path, i));
        return doc;
    }

    private static NotebookCell ReadCell(JsonObject json, string path, int index)
    {
        var where = $"cells[{index}]";
        var kind = json["cell_type"]?.GetValueKind() == JsonValueKind.String ? json["cell_type"]!.GetValue<string>() : null;
        var cell = new NotebookCell(kind switch
        {
            "code" => CellKind.Code,
            "markdown" => CellKind.Markdown,
            "raw" => CellKind.Raw,
            _ => throw new NotebookFormatException(path, $"{where}.cell_type must be 'code', 'markdown' or 'raw' (got {json["cell_type"]?.ToJsonString() ?? "nothing"})."),
        }, MultilineText.FromJson(json["source"], path, $"{where}.source"))
        {
            Id = json["id"]?.GetValueKind() == JsonValueKind.String ? json["id"]!.GetValue<string>() : null,
            Metadata = ReadObject(json, "metadata", path, where) ?? new JsonObject(),
        };
        foreach (var (key, value) in json)
            if (!KnownCellKeys.Contains(key)) cell.Extra[key] = value?.DeepClone();

        if (cell.Kind == CellKind.Code)
        {
            cell.ExecutionCount = ReadInt(json, "execution_count", path, where);
            if (json["outputs"] is JsonArray outputs)
                for (int o = 0; o < outputs.Count; o++)
                    cell.Outputs.Add(ReadOutput(outputs[o] as JsonObject
                        ?? throw new NotebookFormatException(path, $"{where}.outputs[{o}] must be an object."), path, $"{where}.outputs[{o}]"));
        }
        return cell;
    }

    private static NotebookOutput ReadOutput(JsonObject json, string path, string where)
    {
        string Str(string key) => json[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : "";
        switch (Str("output_type"))
        {
            case "stream":
                return new StreamOutput(Str("name"), MultilineText.FromJson(json["text"], path, $"{where}.text"));
            case "display_data":
                return new DisplayDataOutput(ReadBundle(json["data"], path, where), (json["metadata"] as JsonObject)?.DeepClone().AsObject());
            case "execute_result":
                return new ExecuteResultOutput(ReadInt(json, "execution_count", path, where), ReadBundle(json["data"], path, where),
                    (json["metadata"] as JsonObject)?.DeepClone().AsObject());
            case "error":
                var traceback = json["traceback"] is JsonArray lines
                    ? lines.Select(l => l is JsonValue v && v.TryGetValue<string>(out var s) ? s : l?.ToJsonString() ?? "").ToArray()
                    : Array.Empty<string>();
                return new ErrorOutput(Str("ename"), Str("evalue"), traceback);
            default:
                return new RawOutput(json.DeepClone().AsObject());
        }
    }

    private static MimeBundle ReadBundle(JsonNode? data, string path, string where)
    {
        var bundle = new MimeBundle();
        if (data is null) return bundle;
        if (data is not JsonObject obj) throw new NotebookFormatException(path, $"{where}.data must be an object.");
        foreach (var (mime, value) in obj)
        {
            if (value is null) continue;
            if (MimeBundle.IsJsonMime(mime)) bundle.Set(mime, value.DeepClone());
            else bundle.Set(mime, MultilineText.FromJson(value, path, $"{where}.data['{mime}']"));
        }
        return bundle;
    }

    private static int? ReadInt(JsonObject obj, string key, string path, string where = "")
    {
        var node = obj[key];
        if (node is null) return null;
        if (node is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<int>(out var i)) return i;
        throw new NotebookFormatException(path, $"'{Join(where, key)}' must be an integer (got {node.ToJsonString()}).");
    }

    private static JsonObject? ReadObject(JsonObject obj, string key, string path, string where = "")
    {
        var node = obj[key];
        if (node is null) return null;
        return node as JsonObject is { } o ? o.DeepClone().AsObject()
            : throw new NotebookFormatException(path, $"'{Join(where, key)}' must be an object.");
    }

    private static string Join(string where, string key) => where.Length == 0 ? key : $"{where}.{key}";

    /// <summary>Serializes in Jupyter's layout, ending with a newline.</summary>
    public static string Serialize(NotebookDocument doc)
    {
        doc.EnsureCellIds();
        var root = new JsonObject();
        foreach (var (key, value) in doc.Extra) root[key] = value?.DeepClone();
        var cells = new JsonArray();
        foreach (var cell in doc.Cells) cells.Add(WriteCell(cell));
        root["cells"] = cells;
        root["metadata"] = doc.Metadata.DeepClone();
        root["nbformat"] = doc.Format;
        root["nbformat_minor"] = doc.FormatMinor;
        return JupyterJson.Write(root) + "\n";
    }

    /// <summary>Writes the notebook atomically (temp file + rename).</summary>
    public static void Write(NotebookDocument doc, string path) => AtomicFile.WriteAllText(path, Serialize(doc));

    private static JsonObject WriteCell(NotebookCell cell)
    {
        var json = new JsonObject();
        foreach (var (key, value) in cell.Extra) json[key] = value?.DeepClone();
        json["cell_type"] = cell.Kind switch { CellKind.Code => "code", CellKind.Markdown => "markdown", _ => "raw" };
        if (cell.Id is not null) json["id"] = cell.Id;
        json["metadata"] = cell.Metadata.DeepClone();
        json["source"] = MultilineText.ToJson(cell.Source);
        if (cell.Kind == CellKind.Code)
        {
            json["execution_count"] = cell.ExecutionCount;
            var outputs = new JsonArray();
            foreach (var output in cell.Outputs) outputs.Add(WriteOutput(output));
            json["outputs"] = outputs;
        }
        return json;
    }

    /// <summary>The nbformat JSON of one output (text split into lines as Jupyter stores it).</summary>
    public static JsonObject WriteOutput(NotebookOutput output) => output switch
    {
        StreamOutput s => new JsonObject { ["name"] = s.Name, ["output_type"] = "stream", ["text"] = MultilineText.ToJson(s.Text) },
        DisplayDataOutput d => new JsonObject
        {
            ["data"] = WriteBundle(d.Data),
            ["metadata"] = d.Metadata?.DeepClone() ?? new JsonObject(),
            ["output_type"] = "display_data",
        },
        ExecuteResultOutput r => new JsonObject
        {
            ["data"] = WriteBundle(r.Data),
            ["execution_count"] = r.ExecutionCount,
            ["metadata"] = r.Metadata?.DeepClone() ?? new JsonObject(),
            ["output_type"] = "execute_result",
        },
        ErrorOutput e => new JsonObject
        {
            ["ename"] = e.EName,
            ["evalue"] = e.EValue,
            ["output_type"] = "error",
            ["traceback"] = new JsonArray(e.Traceback.Select(l => (JsonNode?)JsonValue.Create(l)).ToArray()),
        },
        RawOutput raw => raw.Json.DeepClone().AsObject(),
        _ => throw new ArgumentException($"Unknown output type {output.GetType().Name}.", nameof(output)),
    };

    /// <summary>A MIME bundle as nbformat JSON: text types split into lines, JSON types nested, others as strings.</summary>
    public static JsonObject WriteBundle(MimeBundle bundle)
    {
        var json = new JsonObject();
        foreach (var (mime, value) in bundle)
        {
            bool split = mime.StartsWith("text/", StringComparison.Ordinal) || SplitNonTextMimes.Contains(mime);
            json[mime] = !MimeBundle.IsJsonMime(mime) && split && bundle.GetText(mime) is { } text
                ? MultilineText.ToJson(text)
                : value.DeepClone();
        }
        return json;
    }
}
