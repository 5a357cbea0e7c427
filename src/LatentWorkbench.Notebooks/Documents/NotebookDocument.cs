using System.Text.Json.Nodes;

namespace LatentWorkbench.Notebooks.Documents;

/// <summary>An in-memory notebook: metadata plus an ordered list of cells (nbformat 4 model).</summary>
public sealed class NotebookDocument
{
    /// <summary>nbformat major version; always 4 here.</summary>
    public int Format { get; set; } = 4;

    /// <summary>nbformat minor version; 5 and above carry cell ids.</summary>
    public int FormatMinor { get; set; } = 5;

    /// <summary>Notebook metadata, kept verbatim including keys this code does not understand.</summary>
    public JsonObject Metadata { get; set; } = new();

    /// <summary>Top-level fields this code does not model, kept for round trips.</summary>
    public JsonObject Extra { get; set; } = new();

    /// <summary>The cells in order.</summary>
    public List<NotebookCell> Cells { get; } = new();

    /// <summary>Code cells in order.</summary>
    public IEnumerable<NotebookCell> CodeCells => Cells.Where(c => c.Kind == CellKind.Code);

    /// <summary>An empty C# notebook with .NET Interactive / Polyglot Notebooks metadata.</summary>
    public static NotebookDocument CreateCSharp()
    {
        var doc = new NotebookDocument();
        doc.Metadata["kernelspec"] = new JsonObject
        {
            ["display_name"] = ".NET (C#)",
            ["language"] = "C#",
            ["name"] = ".net-csharp",
        };
        doc.Metadata["language_info"] = new JsonObject { ["name"] = "csharp" };
        doc.Metadata["polyglot_notebook"] = DefaultPolyglotMetadata();
        return doc;
    }

    /// <summary>The <c>polyglot_notebook</c> metadata naming C# as the default kernel.</summary>
    internal static JsonObject DefaultPolyglotMetadata() => new()
    {
        ["kernelInfo"] = new JsonObject
        {
            ["defaultKernelName"] = "csharp",
            ["items"] = new JsonArray(new JsonObject { ["aliases"] = new JsonArray(), ["name"] = "csharp" }),
        },
    };

    /// <summary>Ensures every cell has an id (nbformat 4.5+), derived deterministically from its position and text.</summary>
    public void EnsureCellIds()
    {
        if (Format < 4 || (Format == 4 && FormatMinor < 5)) return;
        var used = new HashSet<string>(Cells.Where(c => c.Id is not null).Select(c => c.Id!), StringComparer.Ordinal);
        for (int i = 0; i < Cells.Count; i++)
        {
            if (Cells[i].Id is not null) continue;
            Cells[i].Id = CellIds.Derive(i, Cells[i].Source, used);
        }
    }
}
