namespace LatentWorkbench.Notebooks.Scripting;

/// <summary>Whether a piece of code is ready to run (Jupyter's is_complete_request).</summary>
public enum CodeCompleteness
{
    /// <summary>Parses as a complete submission.</summary>
    Complete,
    /// <summary>Needs more input (open brace, unterminated string, ...).</summary>
    Incomplete,
    /// <summary>Complete but has syntax errors.</summary>
    Invalid,
}
