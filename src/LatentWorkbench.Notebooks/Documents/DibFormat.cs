using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using LatentWorkbench.Engine.Serialization;

namespace LatentWorkbench.Notebooks.Documents;

/// <summary>
/// Reads and writes Polyglot Notebooks <c>.dib</c> files: plain text where a line <c>#!kernel</c> (for example
/// <c>#!csharp</c>, <c>#!markdown</c>) starts a cell and an optional <c>#!meta</c> section holds the kernel
/// metadata as JSON. The format stores no outputs.
/// </summary>
public static class DibFormat
{
    /// <summary>Names (and aliases) that start a new cell; other <c>#!</c> lines are magic commands inside a cell.</summary>
    public static readonly IReadOnlySet<string> CellKernelNames = new HashSet<string>(StringComparer.Ordinal)
    {
        "csharp", "c#", "C#", "fsharp", "f#", "F#", "pwsh", "powershell", "markdown", "md", "javascript", "js",
        "html", "sql", "kql", "mermaid", "value", "http", "python", "meta",
    };

    /// <summary>Reads a .dib file.</summary>
    public static NotebookDocument Read(string path) => Parse(File.ReadAllText(path), path);

    /// <summary>Parses .dib text; <paramref name="path"/> names the source in errors.</summary>
    public static NotebookDocument Parse(string text, string path = "<notebook>")
    {
        var doc = NotebookDocument.CreateCSharp();
        var lines = text.Replace("\r\n", "\n").Split('\n');
        string kernel = "csharp";
        int kernelLine = 0;
        var body = new List<string>();

        void Flush()
        {
            int start = 0, end = body.Count;
            while (start < end && string.IsNullOrWhiteSpace(body[start])) start++;
            while (end > start && string.IsNullOrWhiteSpace(body[end - 1])) end--;
            var source = string.Join("\n", body.Skip(start).Take(end - start));
            body.Clear();
            if (source.Length == 0 && kernel != "meta") return;
            if (kernel == "meta")
            {
                if (source.Length == 0) return;
                try
                {
                    doc.Metadata["polyglot_notebook"] = JsonNode.Parse(source)
                        ?? throw new NotebookFormatException(path, "the #!meta section is null.", kernelLine);
                }
                catch (JsonException e)
                {
                    throw new NotebookFormatException(path, $"malformed JSON in the #!meta section: {e.Message}",
                        kernelLine + 2 + (e.LineNumber ?? 0), (e.BytePositionInLine ?? 0) + 1, e);
                }
            }
            else if (kernel is "markdown" or "md")
                doc.Cells.Add(NotebookCell.Markdown(source));
            else
            {
                var cell = NotebookCell.CSharp(source);
                var name = Canonical(kernel);
                if (name != "csharp")
                {
                    cell.Metadata["dotnet_interactive"] = new JsonObject { ["language"] = name };
                    cell.Metadata["polyglot_notebook"] = new JsonObject { ["kernelName"] = name };
                }
                doc.Cells.Add(cell);
            }
        }

        for (int i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.StartsWith("#!", StringComparison.Ordinal) && CellKernelNames.Contains(line[2..].TrimEnd()))
            {
                Flush();
                kernel = line[2..].TrimEnd();
                kernelLine = i + 1;
            }
            else body.Add(line);
        }
        Flush();
        return doc;
    }

    /// <summary>The canonical kernel name for an alias (<c>c#</c> → <c>csharp</c>).</summary>
    public static string Canonical(string kernel) => kernel switch
    {
        "c#" or "C#" => "csharp",
        "f#" or "F#" => "fsharp",
        "powershell" => "pwsh",
        "js" => "javascript",
        "md" => "markdown",
        _ => kernel,
    };

    /// <summary>Serializes to .dib text (outputs are dropped; the format has no place for them).</summary>
    public static string Serialize(NotebookDocument doc)
    {
        var sb = new StringBuilder();
        var meta = doc.Metadata["polyglot_notebook"] ?? NotebookDocument.DefaultPolyglotMetadata();
        sb.Append("#!meta\n\n").Append(CompactSorted(meta)).Append("\n\n");
        foreach (var cell in doc.Cells)
        {
            var kernel = cell.Kind == CellKind.Code ? Canonical(cell.KernelName ?? "csharp") : "markdown";
            sb.Append("#!").Append(kernel).Append("\n\n").Append(cell.Source.TrimEnd('\n', '\r')).Append("\n\n");
        }
        // one trailing newline, not a blank line
        return sb.ToString().TrimEnd('\n') + "\n";
    }

    /// <summary>Writes a .dib file atomically.</summary>
    public static void Write(NotebookDocument doc, string path) => AtomicFile.WriteAllText(path, Serialize(doc));

    private static string CompactSorted(JsonNode node)
    {
        static JsonNode? Sort(JsonNode? n) => n switch
        {
            JsonObject o => new JsonObject(o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Sort(p.Value)))),
            JsonArray a => new JsonArray(a.Select(Sort).ToArray()),
            _ => n?.DeepClone(),
        };
        return Sort(node)!.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }
}
