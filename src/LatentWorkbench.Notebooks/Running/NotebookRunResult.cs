namespace LatentWorkbench.Notebooks.Running;

/// <summary>What happened when one notebook ran.</summary>
public sealed record NotebookRunResult
{
    /// <summary>The notebook that was run.</summary>
    public required string InputPath { get; init; }

    /// <summary>The executed .ipynb written.</summary>
    public required string OutputPath { get; init; }

    /// <summary>The HTML report written, if any.</summary>
    public string? HtmlPath { get; init; }

    /// <summary>Whether every code cell ran without error.</summary>
    public bool Succeeded { get; init; }

    /// <summary>1-based position (among all cells) of the failing cell, if any.</summary>
    public int? FailedCellNumber { get; init; }

    /// <summary>The failing cell's error, if any.</summary>
    public string? ErrorMessage { get; init; }

    /// <summary>Code cells executed (including a failing one).</summary>
    public int ExecutedCells { get; init; }

    /// <summary>Code cells in the notebook (including an injected parameters cell).</summary>
    public int CodeCells { get; init; }

    /// <summary>Wall time of each executed code cell, in order.</summary>
    public IReadOnlyList<TimeSpan> CellDurations { get; init; } = [];

    /// <summary>Wall time of the whole notebook.</summary>
    public TimeSpan Duration { get; init; }
}
