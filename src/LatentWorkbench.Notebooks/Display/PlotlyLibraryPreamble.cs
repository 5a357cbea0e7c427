using LatentWorkbench.Figures;
using LatentWorkbench.Notebooks.Documents;

namespace LatentWorkbench.Notebooks.Display;

/// <summary>
/// Puts plotly.js on the page once per script session: the first output that carries a Plotly figure is preceded by
/// a display_data holding the inlined library (<see cref="PlotlyJs.LibraryHtml"/>), which every figure's text/html
/// fallback waits for. Front ends with their own Plotly renderer (JupyterLab with jupyterlab-plotly, VS Code) ignore
/// it; classic Notebook and nbconvert's HTML export need it to draw offline. Lives on the session's
/// <see cref="FormatterRegistry"/>, so a registry shared by several sessions shows the library once in all.
/// </summary>
public sealed class PlotlyLibraryPreamble
{
    private readonly Func<MimeBundle> _library;
    private int _shown;

    /// <summary>Creates the state; <paramref name="library"/> builds the library display (default: <see cref="LibraryBundle"/>).</summary>
    public PlotlyLibraryPreamble(Func<MimeBundle>? library = null) => _library = library ?? LibraryBundle;

    /// <summary>Whether the library has been shown in this session.</summary>
    public bool Shown => Volatile.Read(ref _shown) != 0;

    /// <summary>Forgets that the library was shown, so the next figure brings it again (e.g. after the page was reloaded).</summary>
    public void Reset() => Volatile.Write(ref _shown, 0);

    /// <summary>The display to put before <paramref name="output"/>: the library when this is the session's first figure, else null.</summary>
    public MimeBundle? Before(MimeBundle output)
    {
        if (!output.ContainsKey(MimeBundle.Plotly)) return null;
        return Interlocked.Exchange(ref _shown, 1) == 0 ? _library() : null;
    }

    /// <summary>The library display: text/html that defines window.Plotly (or warns and falls back to the CDN), and text/plain.</summary>
    public static MimeBundle LibraryBundle()
    {
        var html = PlotlyJs.LibraryHtml(out var problem);
        var text = problem is null
            ? $"plotly.js {PlotlyJs.Version} (inlined once for this session's figures)"
            : $"plotly.js is not available locally ({problem}); the figures load it from {PlotlyJs.CdnUrl}";
        return new MimeBundle().Set(MimeBundle.Html, html).Set(MimeBundle.PlainText, text);
    }

    /// <summary>Whether <paramref name="bundle"/> is a library display (reports drop it: they inline plotly.js once in the page head).</summary>
    public static bool IsLibrary(MimeBundle bundle) =>
        !bundle.ContainsKey(MimeBundle.Plotly) && bundle.GetText(MimeBundle.Html) is { } html && html.Contains(PlotlyJs.LibraryMarker, StringComparison.Ordinal);
}
