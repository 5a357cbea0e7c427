using System.Globalization;
using LatentWorkbench.Notebooks.Scripting;

namespace LatentWorkbench.Notebooks.Running;

/// <summary>Progress as plain lines on a terminal or log: one line per cell with its time and the elapsed total.</summary>
public sealed class TextRunProgress(TextWriter writer) : IRunProgress
{
    /// <inheritdoc />
    public void NotebookStarted(string path, int index, int count, int codeCells) =>
        Write($"[{index}/{count}] {path} ({codeCells} code cells)");

    /// <inheritdoc />
    public void CellStarted(int codeIndex, int codeCells, int cellNumber)
    {
    }

    /// <inheritdoc />
    public void CellFinished(int codeIndex, int codeCells, int cellNumber, CellStatus status, TimeSpan duration, TimeSpan elapsed)
    {
        var word = status switch
        {
            CellStatus.Ok => "ok",
            CellStatus.TimedOut => "TIMED OUT",
            CellStatus.Cancelled => "CANCELLED",
            _ => "FAILED",
        };
        Write($"  cell {codeIndex}/{codeCells} (cell {cellNumber}) {word} in {Seconds(duration)}, elapsed {Seconds(elapsed)}");
    }

    /// <inheritdoc />
    public void NotebookFinished(NotebookRunResult result)
    {
        var status = result.Succeeded ? "succeeded" : $"FAILED at cell {result.FailedCellNumber}: {result.ErrorMessage}";
        Write($"  {status} in {Seconds(result.Duration)} -> {result.OutputPath}");
    }

    private static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture) + " s";

    private void Write(string line)
    {
        lock (writer)
        {
            writer.WriteLine(line);
            writer.Flush();
        }
    }
}
