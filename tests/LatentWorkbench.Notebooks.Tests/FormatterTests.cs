using System.Text.Json.Nodes;
using LatentWorkbench.Notebooks.Display;
using LatentWorkbench.Notebooks.Documents;
using LatentWorkbench.Notebooks.Running;

namespace LatentWorkbench.Notebooks.Tests;

public sealed class FormatterTests
{
    private interface IShape { double Area { get; } }

    private sealed record Square(double Side) : IShape { public double Area => Side * Side; }

    [Fact]
    public void Interface_formatter_applies_to_implementations_and_latest_registration_wins()
    {
        var registry = new FormatterRegistry();
        registry.Register<IShape>(s => new MimeBundle().Set(MimeBundle.Html, "first"));
        registry.Register<IShape>(s => new Dictionary<string, object> { [MimeBundle.Html] = $"<b>{s.Area}</b>" });
        var bundle = registry.Format(new Square(3));
        Assert.Equal("<b>9</b>", bundle.GetText(MimeBundle.Html));
        Assert.Equal("Square { Side = 3, Area = 9 }", bundle.GetText(MimeBundle.PlainText));
    }

    [Fact]
    public void Png_bytes_display_as_base64_image()
    {
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3];
        var bundle = new FormatterRegistry().Format(png);
        Assert.Equal(Convert.ToBase64String(png), bundle.GetText(MimeBundle.Png));
        Assert.Equal("<PNG image, 11 bytes>", bundle.GetText(MimeBundle.PlainText));
    }

    [Fact]
    public void Sequences_are_shown_with_invariant_numbers_and_truncated()
    {
        var registry = new FormatterRegistry { MaxSequenceItems = 3 };
        Assert.Equal("[0.5, 1.25, 2, ...]", registry.Format(new[] { 0.5, 1.25, 2.0, 4.0, 8.0 }).GetText(MimeBundle.PlainText));
        Assert.Equal("null", registry.Format(null).GetText(MimeBundle.PlainText));
        Assert.Equal("true", registry.Format(true).GetText(MimeBundle.PlainText));
    }

    [Fact]
    public void Json_mime_strings_are_parsed_and_bad_json_is_rejected()
    {
        var bundle = new MimeBundle().Set(MimeBundle.Plotly, "{\"data\":[]}");
        Assert.IsType<JsonObject>(bundle[MimeBundle.Plotly]);
        var e = Assert.Throws<ArgumentException>(() => new MimeBundle().Set(MimeBundle.Plotly, "{not json"));
        Assert.Contains("application/vnd.plotly.v1+json", e.Message);
    }

    [Fact]
    public void Markdown_renders_common_blocks_and_escapes_html()
    {
        var html = MarkdownHtml.Render("## Results & notes\n\n- one `a<b`\n- two [link](https://x.org)\n\n```csharp\nvar x = 1 < 2;\n```\n\n1. first\n2. *second*\n\ntext <script>");
        Assert.Equal(
            "<h2>Results &amp; notes</h2>\n<ul>\n<li>one <code>a&lt;b</code></li>\n<li>two <a href=\"https://x.org\">link</a></li>\n</ul>\n" +
            "<pre><code class=\"language-csharp\">var x = 1 &lt; 2;</code></pre>\n<ol>\n<li>first</li>\n<li><em>second</em></li>\n</ol>\n<p>text &lt;script&gt;</p>\n",
            html);
    }
}
