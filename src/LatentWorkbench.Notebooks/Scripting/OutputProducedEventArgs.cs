using LatentWorkbench.Notebooks.Documents;

namespace LatentWorkbench.Notebooks.Scripting;

/// <summary>One output as it is produced (a stream output carries only the newly written text).</summary>
public sealed class OutputProducedEventArgs(int executionCount, NotebookOutput output) : EventArgs
{
    /// <summary>The execution that produced it.</summary>
    public int ExecutionCount { get; } = executionCount;

    /// <summary>The output or stream chunk.</summary>
    public NotebookOutput Output { get; } = output;
}
