using System.Globalization;
using System.Net;
using System.Text;

namespace LatentWorkbench.Notebooks.Running;

/// <summary>
/// The index page of a published folder of notebook reports (<c>lwb notebook publish</c>): one row per notebook with
/// its status and wall time, linking to its report, so a reader sees every result without running anything.
/// </summary>
public static class PublishedIndex
{
    /// <summary>The page for <paramref name="results"/>, with report links relative to the page's folder <paramref name="folder"/>.</summary>
    public static string Render(IReadOnlyList<NotebookRunResult> results, string folder, bool quick)
    {
        var html = new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>LatentWorkbench notebooks</title>\n")
            .Append("<style>body{font-family:sans-serif;max-width:60em;margin:2em auto}td,th{padding:.3em .8em;text-align:left}.failed{color:#b00}</style></head><body>\n")
            .Append("<h1>LatentWorkbench notebooks</h1>\n<p>")
            .Append(quick ? "Executed in quick mode (a small real run of each experiment, not the papers' settings)" : "Executed in full mode")
            .Append(" from commit ").Append(WebUtility.HtmlEncode(CellProvenance.Commit ?? "unknown"))
            .Append(" on ").Append(DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
            .Append(". Regenerate with <code>dotnet run --project src/LatentWorkbench.Cli -c Release -- notebook publish notebooks</code>.</p>\n")
            .Append("<table><thead><tr><th>notebook</th><th>status</th><th>code cells</th><th>seconds</th></tr></thead><tbody>\n");
        foreach (var r in results)
        {
            var name = Path.GetFileNameWithoutExtension(r.InputPath);
            var link = r.HtmlPath is null ? WebUtility.HtmlEncode(name)
                : $"<a href=\"{WebUtility.HtmlEncode(Path.GetRelativePath(folder, r.HtmlPath).Replace('\\', '/'))}\">{WebUtility.HtmlEncode(name)}</a>";
            var status = r.Succeeded ? "ran" : $"<span class=\"failed\">failed at cell {r.FailedCellNumber}: {WebUtility.HtmlEncode(r.ErrorMessage ?? "")}</span>";
            html.Append("<tr><td>").Append(link).Append("</td><td>").Append(status).Append("</td><td>")
                .Append(r.ExecutedCells).Append('/').Append(r.CodeCells).Append("</td><td>")
                .Append(r.Duration.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)).Append("</td></tr>\n");
        }
        return html.Append("</tbody></table>\n</body></html>\n").ToString();
    }
}
