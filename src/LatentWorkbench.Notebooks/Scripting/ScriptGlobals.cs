using LatentWorkbench.Notebooks.Display;
using LatentWorkbench.Notebooks.Documents;

namespace LatentWorkbench.Notebooks.Scripting;

/// <summary>
/// Members every notebook cell can use directly: <c>display(...)</c>, <c>NotebookDirectory</c>,
/// <c>Formatters</c> and <c>CellCancellation</c>.
/// </summary>
public class ScriptGlobals
{
    internal ScriptGlobals(string notebookDirectory, FormatterRegistry formatters)
    {
        NotebookDirectory = notebookDirectory;
        Formatters = formatters;
    }

    /// <summary>Absolute path of the folder holding the notebook; cells also run with it as working directory.</summary>
    public string NotebookDirectory { get; }

    /// <summary>The formatter registry; register formatters for your own types here.</summary>
    public FormatterRegistry Formatters { get; }

    /// <summary>Signalled when the cell times out or is interrupted; long loops may check it to stop early.</summary>
    public CancellationToken CellCancellation => CellContext.Current?.Cancellation ?? CancellationToken.None;

    /// <summary>
    /// Shows <paramref name="value"/> as a rich output of the running cell; the returned handle's
    /// <see cref="DisplayHandle.Update"/> replaces it in place (null when called outside a running cell).
    /// </summary>
    public DisplayHandle? display(object? value) => Show(Formatters.Format(value));

    /// <summary>Shows <paramref name="content"/> under the given MIME type (for example <c>text/html</c>), with a plain-text fallback.</summary>
    public DisplayHandle? display(object content, string mimeType)
    {
        var bundle = new MimeBundle().Set(mimeType, content is string or byte[] or System.Text.Json.Nodes.JsonNode ? content : Formatters.ToPlainText(content));
        if (!bundle.ContainsKey(MimeBundle.PlainText)) bundle.Set(MimeBundle.PlainText, $"<{mimeType}>");
        return Show(bundle);
    }

    private DisplayHandle? Show(MimeBundle bundle)
    {
        if (DisplayHandle.Show(bundle, Formatters) is { } handle) return handle;
        // Outside a running cell (for example a background thread that outlived it) there is nowhere to attach it.
        Console.Out.WriteLine(bundle.GetText(MimeBundle.PlainText));
        return null;
    }
}
