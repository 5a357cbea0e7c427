using LatentWorkbench.Notebooks.Documents;

namespace LatentWorkbench.Notebooks.Scripting;

/// <summary>The outcome of executing one cell.</summary>
/// <param name="ExecutionCount">The prompt number given to this execution.</param>
/// <param name="Status">How it ended.</param>
/// <param name="Outputs">Everything the cell produced, in order (streams merged).</param>
/// <param name="Duration">Wall time including compilation.</param>
/// <param name="ReturnValue">The value of a trailing expression, if any.</param>
public sealed record CellExecutionResult(int ExecutionCount, CellStatus Status, IReadOnlyList<NotebookOutput> Outputs, TimeSpan Duration, object? ReturnValue)
{
    /// <summary>Whether the cell ran to completion.</summary>
    public bool Succeeded => Status == CellStatus.Ok;

    /// <summary>The seeds and data files the cell used (see <see cref="Engine.Provenance"/>).</summary>
    public Engine.ProvenanceLog Provenance { get; init; } = new();

    /// <summary>The error output, if the cell failed.</summary>
    public ErrorOutput? Error => Outputs.OfType<ErrorOutput>().FirstOrDefault();
}
