using System.Text.Json.Nodes;

namespace LatentWorkbench.Notebooks.Documents;

/// <summary>One output of a code cell, as in nbformat 4.</summary>
public abstract record NotebookOutput
{
    /// <summary>The nbformat <c>output_type</c>.</summary>
    public abstract string OutputType { get; }
}

/// <summary>Text written to stdout or stderr.</summary>
/// <param name="Name"><c>stdout</c> or <c>stderr</c>.</param>
/// <param name="Text">The text written.</param>
public sealed record StreamOutput(string Name, string Text) : NotebookOutput
{
    /// <inheritdoc />
    public override string OutputType => "stream";
}

/// <summary>A value shown with <c>display(...)</c>.</summary>
public sealed record DisplayDataOutput(MimeBundle Data, JsonObject? Metadata = null) : NotebookOutput
{
    /// <inheritdoc />
    public override string OutputType => "display_data";

    /// <summary>The id that later updates name (Jupyter's <c>transient.display_id</c>; not saved in the notebook), or null.</summary>
    public string? DisplayId { get; init; }
}

/// <summary>
/// Replaces the display with <paramref name="DisplayId"/>, in whichever cell it is (Jupyter's <c>update_display_data</c>).
/// Not an output of its own: a notebook keeps only each display's latest content.
/// </summary>
public sealed record UpdateDisplayDataOutput(string DisplayId, MimeBundle Data, JsonObject? Metadata = null) : NotebookOutput
{
    /// <inheritdoc />
    public override string OutputType => "update_display_data";

    /// <summary>The display this update turns into.</summary>
    public DisplayDataOutput ToDisplay() => new(Data, Metadata) { DisplayId = DisplayId };
}

/// <summary>The value of a cell's trailing expression.</summary>
public sealed record ExecuteResultOutput(int? ExecutionCount, MimeBundle Data, JsonObject? Metadata = null) : NotebookOutput
{
    /// <inheritdoc />
    public override string OutputType => "execute_result";
}

/// <summary>An exception or compilation failure.</summary>
/// <param name="EName">Error name (exception type).</param>
/// <param name="EValue">Error message.</param>
/// <param name="Traceback">Lines describing where it happened.</param>
public sealed record ErrorOutput(string EName, string EValue, IReadOnlyList<string> Traceback) : NotebookOutput
{
    /// <inheritdoc />
    public override string OutputType => "error";
}

/// <summary>An output whose type this code does not model, kept verbatim.</summary>
public sealed record RawOutput(JsonObject Json) : NotebookOutput
{
    /// <inheritdoc />
    public override string OutputType => Json["output_type"]?.GetValue<string>() ?? "";
}
