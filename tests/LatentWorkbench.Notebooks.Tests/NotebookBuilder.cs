using LatentWorkbench.Notebooks.Documents;

namespace LatentWorkbench.Notebooks.Tests;

/// <summary>Writes small notebooks for runner tests.</summary>
internal static class NotebookBuilder
{
    /// <summary>A notebook whose first code cell is tagged <c>parameters</c> when <paramref name="parameters"/> is given.</summary>
    public static string Write(string path, string? parameters, params string[] cells)
    {
        var doc = NotebookDocument.CreateCSharp();
        doc.Cells.Add(NotebookCell.Markdown("# Test notebook\n\nSome **bold** prose."));
        if (parameters is not null)
        {
            var cell = NotebookCell.CSharp(parameters);
            cell.AddTag("parameters");
            doc.Cells.Add(cell);
        }
        foreach (var code in cells) doc.Cells.Add(NotebookCell.CSharp(code));
        NotebookFile.Write(doc, path);
        return path;
    }
}
