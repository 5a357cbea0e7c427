namespace LatentWorkbench.Notebooks.Scripting;

/// <summary>Per-execution settings.</summary>
public sealed class CellExecutionOptions
{
    /// <summary>How errors name the cell (for example "cell 3"); defaults to "cell {execution count}".</summary>
    public string? CellName { get; init; }

    /// <summary>Abandon the cell after this long; null uses the session default (none unless configured).</summary>
    public TimeSpan? Timeout { get; init; }
}
