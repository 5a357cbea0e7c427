namespace LatentWorkbench.Notebooks.Scripting;

/// <summary>How a cell execution ended.</summary>
public enum CellStatus
{
    /// <summary>Ran to completion.</summary>
    Ok,
    /// <summary>Compilation error, exception, or unsupported directive/kernel; see the error output.</summary>
    Error,
    /// <summary>Abandoned after the cell timeout.</summary>
    TimedOut,
    /// <summary>Abandoned because the caller cancelled (for example a kernel interrupt).</summary>
    Cancelled,
}
