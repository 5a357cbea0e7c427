namespace LatentWorkbench.Notebooks.Documents;

/// <summary>The starting point for a new workbench notebook.</summary>
public static class NotebookTemplate
{
    /// <summary>A C# notebook: a title, a <c>parameters</c> cell declaring <c>Quick</c>, and an empty code cell.</summary>
    public static NotebookDocument Create(string title)
    {
        var doc = NotebookDocument.CreateCSharp();
        doc.Cells.Add(NotebookCell.Markdown($"# {title}\n\nWhat this notebook shows, and how to read its figures."));
        var parameters = NotebookCell.CSharp("// Parameters (override with: lwb notebook run <file> --param name=value, --quick)\nvar Quick = false;\nvar Seed = 0;");
        parameters.AddTag("parameters");
        doc.Cells.Add(parameters);
        doc.Cells.Add(NotebookCell.CSharp("var epochs = Quick ? 1 : 20;\nConsole.WriteLine($\"epochs: {epochs}, seed: {Seed}\");"));
        doc.EnsureCellIds();
        return doc;
    }
}
