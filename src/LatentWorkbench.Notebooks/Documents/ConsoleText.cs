using System.Text;

namespace LatentWorkbench.Notebooks.Documents;

/// <summary>Stream text as a terminal would show it, the way Jupyter front ends render stream outputs.</summary>
public static class ConsoleText
{
    /// <summary>
    /// Applies carriage returns: text after a <c>\r</c> overwrites its line from the start (a redrawn progress bar
    /// keeps only its last state). <c>\r\n</c> is a plain line end. Text without <c>\r</c> is returned as is.
    /// </summary>
    public static string ApplyCarriageReturns(string text)
    {
        if (!text.Contains('\r')) return text;
        var normalized = text.Replace("\r\n", "\n", StringComparison.Ordinal);
        var result = new StringBuilder(normalized.Length);
        var line = new StringBuilder();
        int column = 0;
        foreach (var c in normalized)
        {
            switch (c)
            {
                case '\n':
                    result.Append(line).Append('\n');
                    line.Clear();
                    column = 0;
                    break;
                case '\r':
                    column = 0;
                    break;
                default:
                    // Overwrite in place, as a terminal does: a shorter redraw leaves the longer tail visible.
                    if (column < line.Length) line[column] = c;
                    else line.Append(c);
                    column++;
                    break;
            }
        }
        return result.Append(line).ToString();
    }
}
