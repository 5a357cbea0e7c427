namespace LatentWorkbench.Notebooks.Running;

/// <summary>Settings for <see cref="NotebookRunner"/>.</summary>
public sealed class NotebookRunOptions
{
    /// <summary>Default output folder, relative to the current directory.</summary>
    public const string DefaultOutputDirectory = "notebooks/out";

    /// <summary>Inject <c>Quick = true</c> for a fast smoke-test run.</summary>
    public bool Quick { get; init; }

    /// <summary>Parameter overrides in command-line order (name, value as typed).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Parameters { get; init; } = [];

    /// <summary>Where executed notebooks and HTML reports go.</summary>
    public string OutputDirectory { get; init; } = DefaultOutputDirectory;

    /// <summary>When running several notebooks, skip the rest after the first one fails.</summary>
    public bool StopOnError { get; init; }

    /// <summary>Abandon a cell after this long; null: no limit.</summary>
    public TimeSpan? CellTimeout { get; init; }

    /// <summary>Write the standalone HTML report next to the executed notebook.</summary>
    public bool WriteHtml { get; init; } = true;

    /// <summary>Folder for the HTML reports; null: <see cref="OutputDirectory"/>.</summary>
    public string? HtmlDirectory { get; init; }

    /// <summary>
    /// When set, each report loads plotly.js from this file name beside it (copied there once from the verified bundle)
    /// instead of inlining the 4.8 MB library in every page: for a published folder of reports (<c>lwb notebook publish</c>).
    /// </summary>
    public string? SharedPlotlyFile { get; init; }

    /// <summary>Receives progress; null: silent.</summary>
    public IRunProgress? Progress { get; init; }
}
