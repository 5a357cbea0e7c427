using System.Text.Json.Nodes;

namespace LatentWorkbench.Notebooks.Documents;

/// <summary>One notebook cell: source, metadata, and (for code cells) outputs.</summary>
public sealed class NotebookCell
{
    /// <summary>Creates a cell of the given kind.</summary>
    public NotebookCell(CellKind kind, string source, string? id = null, JsonObject? metadata = null)
    {
        Kind = kind;
        Source = source;
        Id = id;
        Metadata = metadata ?? new JsonObject();
    }

    /// <summary>Code, markdown or raw.</summary>
    public CellKind Kind { get; set; }

    /// <summary>The cell text, lines joined with their newlines.</summary>
    public string Source { get; set; }

    /// <summary>The nbformat 4.5 cell id; null for older notebooks or cells not yet written.</summary>
    public string? Id { get; set; }

    /// <summary>Cell metadata, kept verbatim including keys this code does not understand.</summary>
    public JsonObject Metadata { get; set; }

    /// <summary>Top-level cell fields this code does not model (for example <c>attachments</c>), kept for round trips.</summary>
    public JsonObject Extra { get; set; } = new();

    /// <summary>The prompt number of the last execution; null when not executed.</summary>
    public int? ExecutionCount { get; set; }

    /// <summary>Outputs of a code cell in display order.</summary>
    public List<NotebookOutput> Outputs { get; } = new();

    /// <summary>The Polyglot kernel named in metadata (<c>polyglot_notebook.kernelName</c>), or null.</summary>
    public string? KernelName =>
        (Metadata["polyglot_notebook"] as JsonObject)?["kernelName"]?.GetValue<string>()
        ?? (Metadata["dotnet_interactive"] as JsonObject)?["language"]?.GetValue<string>();

    /// <summary>The <c>metadata.tags</c> list.</summary>
    public IReadOnlyList<string> Tags =>
        Metadata["tags"] is JsonArray tags
            ? tags.Select(t => t?.GetValue<string>() ?? "").ToArray()
            : Array.Empty<string>();

    /// <summary>Whether <c>metadata.tags</c> contains <paramref name="tag"/>.</summary>
    public bool HasTag(string tag) => Tags.Contains(tag, StringComparer.Ordinal);

    /// <summary>Adds <paramref name="tag"/> to <c>metadata.tags</c> if absent.</summary>
    public void AddTag(string tag)
    {
        if (HasTag(tag)) return;
        if (Metadata["tags"] is not JsonArray tags)
        {
            tags = new JsonArray();
            Metadata["tags"] = tags;
        }
        tags.Add(tag);
    }

    /// <summary>A C# code cell with the Polyglot Notebooks kernel metadata.</summary>
    public static NotebookCell CSharp(string source, string? id = null) =>
        new(CellKind.Code, source, id, new JsonObject
        {
            ["dotnet_interactive"] = new JsonObject { ["language"] = "csharp" },
            ["polyglot_notebook"] = new JsonObject { ["kernelName"] = "csharp" },
        });

    /// <summary>A markdown cell.</summary>
    public static NotebookCell Markdown(string source, string? id = null) => new(CellKind.Markdown, source, id);

    /// <summary>Removes outputs and the execution count, as before a fresh run.</summary>
    public void ClearOutputs()
    {
        Outputs.Clear();
        ExecutionCount = null;
    }
}
