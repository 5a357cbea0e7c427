using LatentWorkbench.Notebooks.Scripting;

namespace LatentWorkbench.Notebooks.Running;

/// <summary>Receives progress from <see cref="NotebookRunner"/>.</summary>
public interface IRunProgress
{
    /// <summary>A notebook is about to run.</summary>
    void NotebookStarted(string path, int index, int count, int codeCells);

    /// <summary>A code cell is about to run; <paramref name="codeIndex"/> is 1-based among code cells.</summary>
    void CellStarted(int codeIndex, int codeCells, int cellNumber);

    /// <summary>A code cell finished.</summary>
    void CellFinished(int codeIndex, int codeCells, int cellNumber, CellStatus status, TimeSpan duration, TimeSpan elapsed);

    /// <summary>A notebook finished (successfully or not).</summary>
    void NotebookFinished(NotebookRunResult result);
}
