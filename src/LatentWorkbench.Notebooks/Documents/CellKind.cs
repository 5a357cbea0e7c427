namespace LatentWorkbench.Notebooks.Documents;

/// <summary>The nbformat cell types.</summary>
public enum CellKind
{
    /// <summary>Executable source.</summary>
    Code,
    /// <summary>Markdown prose.</summary>
    Markdown,
    /// <summary>Raw text passed through untouched.</summary>
    Raw,
}
