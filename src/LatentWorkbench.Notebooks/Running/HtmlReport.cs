using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using LatentWorkbench.Notebooks.Documents;

namespace LatentWorkbench.Notebooks.Running;

/// <summary>
/// A standalone HTML page for an executed notebook: markdown cells rendered, code cells with their outputs.
/// Plotly figures are drawn with plotly.js; everything else is static HTML, so the page opens without a server.
/// </summary>
public static partial class HtmlReport
{
    private const string Style = """
        body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; max-width: 1100px; margin: 2em auto; padding: 0 1em; color: #222; }
        .cell { margin: 1em 0; }
        .code .source { background: #f6f8fa; border-left: 3px solid #4a7bd0; padding: .6em .8em; overflow-x: auto; }
        .prompt { color: #4a7bd0; font-size: .8em; font-family: monospace; }
        .meta { color: #888; font-size: .8em; }
        pre { margin: .3em 0; font-family: ui-monospace, Menlo, Consolas, monospace; font-size: .9em; white-space: pre-wrap; }
        .output { padding: .2em .8em; }
        .stderr { background: #fff4e5; }
        .error { background: #fdecea; color: #8a1c1c; padding: .5em; }
        .not-executed { opacity: .55; }
        .summary { padding: .5em .8em; border-radius: 4px; }
        .summary.ok { background: #e8f5e9; } .summary.failed { background: #fdecea; }
        img { max-width: 100%; }
        table { border-collapse: collapse; } td, th { border: 1px solid #ddd; padding: .2em .5em; }
        """;

    [GeneratedRegex(@"\x1B\[[0-9;]*[A-Za-z]")]
    private static partial Regex AnsiEscape();

    /// <summary>Whether any output carries a Plotly figure (so the page needs plotly.js).</summary>
    public static bool HasPlotly(NotebookDocument doc) =>
        doc.CodeCells.SelectMany(c => c.Outputs).Any(o => BundleOf(o)?.ContainsKey(MimeBundle.Plotly) == true);

    /// <summary>Renders the page; <paramref name="plotlyScriptElement"/> is included only when a figure needs it.</summary>
    public static string Render(NotebookDocument doc, string title, string? summary, string plotlyScriptElement)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
            .Append(WebUtility.HtmlEncode(title)).Append("</title>\n<style>\n").Append(Style).Append("\n</style>\n");
        if (HasPlotly(doc)) html.Append(plotlyScriptElement).Append('\n');
        html.Append("</head>\n<body>\n<h1 class=\"title\">").Append(WebUtility.HtmlEncode(title)).Append("</h1>\n");
        if (summary is not null)
        {
            var failed = (doc.Metadata["lwb"] as JsonObject)?["status"]?.GetValue<string>() == "failed";
            html.Append("<div class=\"summary ").Append(failed ? "failed" : "ok").Append("\">").Append(WebUtility.HtmlEncode(summary)).Append("</div>\n");
        }
        for (int i = 0; i < doc.Cells.Count; i++) RenderCell(html, doc.Cells[i], i);
        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    private static void RenderCell(StringBuilder html, NotebookCell cell, int index)
    {
        switch (cell.Kind)
        {
            case CellKind.Markdown:
                html.Append("<div class=\"cell markdown\">\n").Append(MarkdownHtml.Render(cell.Source)).Append("</div>\n");
                return;
            case CellKind.Raw:
                html.Append("<div class=\"cell raw\"><pre>").Append(WebUtility.HtmlEncode(cell.Source)).Append("</pre></div>\n");
                return;
        }
        var execution = cell.Metadata["papermill"] as JsonObject;
        var status = execution?["status"]?.GetValue<string>();
        html.Append("<div class=\"cell code").Append(status is "pending" ? " not-executed" : "").Append("\" id=\"cell-").Append(index + 1).Append("\">\n");
        html.Append("<div class=\"prompt\">In [").Append(cell.ExecutionCount?.ToString() ?? " ").Append("]");
        if (execution?["duration"] is JsonValue duration && duration.TryGetValue<double>(out var seconds))
            html.Append(" <span class=\"meta\">").Append(seconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)).Append(" s</span>");
        else if (status is "pending")
            html.Append(" <span class=\"meta\">not executed</span>");
        html.Append("</div>\n<pre class=\"source\"><code class=\"language-csharp\">").Append(WebUtility.HtmlEncode(cell.Source)).Append("</code></pre>\n");
        for (int o = 0; o < cell.Outputs.Count; o++) RenderOutput(html, cell.Outputs[o], $"plot-{index + 1}-{o + 1}");
        html.Append("</div>\n");
    }

    private static MimeBundle? BundleOf(NotebookOutput output) => output switch
    {
        DisplayDataOutput d => d.Data,
        ExecuteResultOutput r => r.Data,
        _ => null,
    };

    private static void RenderOutput(StringBuilder html, NotebookOutput output, string id)
    {
        switch (output)
        {
            case StreamOutput s:
                html.Append("<pre class=\"output ").Append(s.Name == "stderr" ? "stderr" : "stdout").Append("\">")
                    .Append(WebUtility.HtmlEncode(AnsiEscape().Replace(s.Text, ""))).Append("</pre>\n");
                break;
            case ErrorOutput e:
                var text = e.Traceback.Count > 0 ? string.Join("\n", e.Traceback) : $"{e.EName}: {e.EValue}";
                html.Append("<pre class=\"output error\">").Append(WebUtility.HtmlEncode(AnsiEscape().Replace(text, ""))).Append("</pre>\n");
                break;
            case RawOutput:
                break;
            default:
                if (BundleOf(output) is { } bundle) RenderBundle(html, bundle, id);
                break;
        }
    }

    private static void RenderBundle(StringBuilder html, MimeBundle bundle, string id)
    {
        // The session's inlined plotly.js: the page already has it once in its head.
        if (Display.PlotlyLibraryPreamble.IsLibrary(bundle)) return;
        html.Append("<div class=\"output\">");
        if (bundle.TryGetValue(MimeBundle.Plotly, out var figure))
        {
            // "</" inside a script element would end it early; "<\/" is the same string to JavaScript.
            var json = figure.ToJsonString().Replace("</", "<\\/", StringComparison.Ordinal);
            html.Append("<div id=\"").Append(id).Append("\" class=\"plotly-output\"></div>\n<script>(function(){var fig=").Append(json)
                .Append(";Plotly.newPlot(\"").Append(id).Append("\",fig.data||[],fig.layout||{},Object.assign({responsive:true},fig.config||{}));})();</script>");
        }
        else if (bundle.GetText(MimeBundle.Html) is { } fragment) html.Append(fragment);
        else if (bundle.GetText(MimeBundle.Png) is { } png) html.Append("<img alt=\"image output\" src=\"data:image/png;base64,").Append(png.Trim()).Append("\">");
        else if (bundle.GetText(MimeBundle.Svg) is { } svg) html.Append(svg);
        else if (bundle.GetText(MimeBundle.Markdown) is { } markdown) html.Append(MarkdownHtml.Render(markdown));
        else if (bundle.GetText(MimeBundle.PlainText) is { } plain) html.Append("<pre>").Append(WebUtility.HtmlEncode(plain)).Append("</pre>");
        html.Append("</div>\n");
    }
}
