using LatentWorkbench.Notebooks.Display;

namespace LatentWorkbench.Notebooks.Scripting;

/// <summary>
/// What code running inside a cell writes to. It flows with the cell through an <see cref="AsyncLocal{T}"/>, so
/// tasks and threads the cell starts still report to it, and an abandoned (timed-out) cell cannot write into the next one.
/// </summary>
internal sealed class CellContext(OutputCollector outputs, FormatterRegistry formatters, CancellationToken cancellation)
{
    private static readonly AsyncLocal<CellContext?> CurrentCell = new();

    /// <summary>The cell whose code is running on this logical call path, or null outside cells.</summary>
    public static CellContext? Current
    {
        get => CurrentCell.Value;
        set => CurrentCell.Value = value;
    }

    public OutputCollector Outputs { get; } = outputs;
    public FormatterRegistry Formatters { get; } = formatters;
    public CancellationToken Cancellation { get; } = cancellation;
}
