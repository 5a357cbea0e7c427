namespace LatentWorkbench.Notebooks.Scripting;

/// <summary>Per-execution settings.</summary>
public sealed class CellExecutionOptions
{
    /// <summary>How errors name the cell (for example "cell 3"); defaults to "cell {execution count}".</summary>
    public string? CellName { get; init; }

    /// <summary>Abandon the cell after this long; null uses the session default (none unless configured).</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>
    /// Answers <c>Console.ReadLine()</c> in the cell: (prompt, password) to the line typed, e.g. a kernel's
    /// <c>input_request</c>. Null: there is no one to ask, and reading input fails with a message saying so.
    /// </summary>
    public Func<string, bool, CancellationToken, string>? ReadInput { get; init; }

    /// <summary>Why input cannot be read when <see cref="ReadInput"/> is null (shown in the error).</summary>
    public string? NoInputReason { get; init; }
}
