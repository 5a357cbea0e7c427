using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace LatentWorkbench.Notebooks.Running;

/// <summary>
/// A small Markdown renderer for reports: headings, paragraphs, lists, block quotes, fenced code, rules, and inline
/// code, bold, italics, links and images. Everything else is escaped text (no raw HTML), which is enough for the
/// prose cells of research notebooks.
/// </summary>
public static partial class MarkdownHtml
{
    [GeneratedRegex(@"^(#{1,6})\s+(.*?)\s*#*\s*$")]
    private static partial Regex Heading();

    [GeneratedRegex(@"^\s*([-*+])\s+(.*)$")]
    private static partial Regex Bullet();

    [GeneratedRegex(@"^\s*(\d+)[.)]\s+(.*)$")]
    private static partial Regex Numbered();

    [GeneratedRegex(@"^\s{0,3}([-*_])(\s*\1){2,}\s*$")]
    private static partial Regex Rule();

    [GeneratedRegex(@"`([^`]+)`|!\[([^\]]*)\]\(([^)\s]+)\)|\[([^\]]+)\]\(([^)\s]+)\)|\*\*(.+?)\*\*|__(.+?)__|\*(.+?)\*|(?<![\w])_(.+?)_(?![\w])")]
    private static partial Regex Inline();

    /// <summary>Renders Markdown to an HTML fragment.</summary>
    public static string Render(string markdown)
    {
        var html = new StringBuilder();
        var lines = markdown.Replace("\r\n", "\n").Split('\n');
        var paragraph = new List<string>();
        string? list = null;

        void FlushParagraph()
        {
            if (paragraph.Count == 0) return;
            html.Append("<p>").Append(RenderInline(string.Join("\n", paragraph))).Append("</p>\n");
            paragraph.Clear();
        }
        void CloseList()
        {
            if (list is null) return;
            html.Append("</").Append(list).Append(">\n");
            list = null;
        }
        void OpenList(string kind)
        {
            if (list == kind) return;
            CloseList();
            html.Append('<').Append(kind).Append(">\n");
            list = kind;
        }

        for (int i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                FlushParagraph();
                CloseList();
                var language = line.Trim()[3..].Trim();
                var code = new List<string>();
                for (i++; i < lines.Length && !lines[i].TrimStart().StartsWith("```", StringComparison.Ordinal); i++) code.Add(lines[i]);
                html.Append("<pre><code");
                if (language.Length > 0) html.Append(" class=\"language-").Append(WebUtility.HtmlEncode(language)).Append('"');
                html.Append('>').Append(WebUtility.HtmlEncode(string.Join("\n", code))).Append("</code></pre>\n");
                continue;
            }
            if (string.IsNullOrWhiteSpace(line))
            {
                FlushParagraph();
                CloseList();
                continue;
            }
            if (Heading().Match(line) is { Success: true } heading)
            {
                FlushParagraph();
                CloseList();
                int level = heading.Groups[1].Length;
                html.Append($"<h{level}>").Append(RenderInline(heading.Groups[2].Value)).Append($"</h{level}>\n");
                continue;
            }
            if (Rule().IsMatch(line))
            {
                FlushParagraph();
                CloseList();
                html.Append("<hr>\n");
                continue;
            }
            if (Bullet().Match(line) is { Success: true } bullet)
            {
                FlushParagraph();
                OpenList("ul");
                html.Append("<li>").Append(RenderInline(bullet.Groups[2].Value)).Append("</li>\n");
                continue;
            }
            if (Numbered().Match(line) is { Success: true } numbered)
            {
                FlushParagraph();
                OpenList("ol");
                html.Append("<li>").Append(RenderInline(numbered.Groups[2].Value)).Append("</li>\n");
                continue;
            }
            if (line.TrimStart().StartsWith('>'))
            {
                FlushParagraph();
                CloseList();
                html.Append("<blockquote>").Append(RenderInline(line.TrimStart()[1..].Trim())).Append("</blockquote>\n");
                continue;
            }
            if (list is not null) CloseList();
            paragraph.Add(line.Trim());
        }
        FlushParagraph();
        CloseList();
        return html.ToString();
    }

    /// <summary>Inline Markdown (code, emphasis, links, images) with all other text HTML-escaped.</summary>
    public static string RenderInline(string text)
    {
        var sb = new StringBuilder();
        int last = 0;
        foreach (Match m in Inline().Matches(text))
        {
            sb.Append(WebUtility.HtmlEncode(text[last..m.Index]));
            last = m.Index + m.Length;
            if (m.Groups[1].Success) sb.Append("<code>").Append(WebUtility.HtmlEncode(m.Groups[1].Value)).Append("</code>");
            else if (m.Groups[3].Success) sb.Append("<img alt=\"").Append(WebUtility.HtmlEncode(m.Groups[2].Value)).Append("\" src=\"").Append(SafeUrl(m.Groups[3].Value)).Append("\">");
            else if (m.Groups[5].Success) sb.Append("<a href=\"").Append(SafeUrl(m.Groups[5].Value)).Append("\">").Append(RenderInline(m.Groups[4].Value)).Append("</a>");
            else if (m.Groups[6].Success) sb.Append("<strong>").Append(RenderInline(m.Groups[6].Value)).Append("</strong>");
            else if (m.Groups[7].Success) sb.Append("<strong>").Append(RenderInline(m.Groups[7].Value)).Append("</strong>");
            else if (m.Groups[8].Success) sb.Append("<em>").Append(RenderInline(m.Groups[8].Value)).Append("</em>");
            else if (m.Groups[9].Success) sb.Append("<em>").Append(RenderInline(m.Groups[9].Value)).Append("</em>");
        }
        sb.Append(WebUtility.HtmlEncode(text[last..]));
        return sb.ToString();
    }

    private static string SafeUrl(string url) =>
        url.TrimStart().StartsWith("javascript:", StringComparison.OrdinalIgnoreCase) ? "#" : WebUtility.HtmlEncode(url);
}
