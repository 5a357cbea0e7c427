using LatentWorkbench.Notebooks.Display;

namespace LatentWorkbench.Notebooks.Scripting;

/// <summary>
/// What code running inside a cell writes to. It flows with the cell through an <see cref="AsyncLocal{T}"/>, so
/// tasks and threads the cell starts still report to it, and an abandoned (timed-out) cell cannot write into the next one.
/// </summary>
internal sealed class CellContext(OutputCollector outputs, FormatterRegistry formatters, CancellationToken cancellation, CellExecutionOptions? options = null)
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

    /// <summary>One line of input for <c>Console.ReadLine()</c>, from whoever runs the cell; throws when nobody can answer.</summary>
    public string ReadLine(string prompt, bool password = false)
    {
        if (options?.ReadInput is { } read) return read(prompt, password, Cancellation);
        throw new InvalidOperationException("Console.ReadLine: " + (options?.NoInputReason ??
            "this cell runs without a front end that can answer input requests; set the value in code or as a notebook parameter (--param name=value)."));
    }
}
