using System.Collections;
using System.Reflection;
using System.Text.Json.Nodes;
using LatentWorkbench.Figures;

namespace LatentWorkbench.Tests.Figures;

public sealed class HtmlRenderingTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("lwb-figures-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static Figure Small() => Figure.Create(Plot.Scatter(new[] { 1.0, 2 }, new[] { 3.0, 4 }, "</script><b>")).WithTitle("A & B");

    private string FakeBundle()
    {
        var path = Path.Combine(_dir, "fake-plotly.min.js");
        File.WriteAllText(path, "window.Plotly = { fake: '</script>' };");
        return path;
    }

    [Fact]
    public void Mime_bundle_has_plotly_json_html_and_text()
    {
        var f = Small();
        var bundle = f.ToMimeBundle();
        var json = Assert.IsAssignableFrom<JsonNode>(bundle[Figure.PlotlyMimeType]);
        Assert.Equal(f.ToJson(), json.ToJsonString());
        Assert.NotNull(json["data"]);
        Assert.NotNull(json["layout"]);
        var html = Assert.IsType<string>(bundle["text/html"]);
        Assert.Contains("class=\"plotly-graph-div\"", html);
        Assert.Contains("Plotly.newPlot(", html);
        Assert.Contains("requirejs", html);
        Assert.Contains(PlotlyJs.CdnUrl, html);
        // The trace name contains </script>; it must not close the script element early.
        Assert.DoesNotContain("</script><b>", html);
        Assert.Equal("Figure \"A & B\": 1 trace (scatter)", bundle["text/plain"]);
    }

    [Fact]
    public void Notebook_html_uses_distinct_div_ids_for_repeated_displays()
    {
        var f = Small();
        Assert.NotEqual(f.ToHtml(), f.ToHtml());
        Assert.Contains("id=\"given\"", f.ToHtml("given"));
    }

    [Fact]
    public void Cdn_document_references_the_cdn_and_embeds_the_json()
    {
        var html = Small().ToHtmlDocument(PlotlyJsSource.Cdn, () => throw new InvalidOperationException("must not look for a bundle"));
        Assert.StartsWith("<!DOCTYPE html>", html);
        Assert.Contains($"<script src=\"{PlotlyJs.CdnUrl}\"", html);
        Assert.Contains("<title>A &amp; B</title>", html);
        Assert.Contains(Small().ToJson(), html);
    }

    [Fact]
    public void Inline_document_embeds_the_bundle_with_script_end_tags_escaped()
    {
        var bundle = FakeBundle();
        var html = Small().ToHtmlDocument(PlotlyJsSource.Inline, () => bundle);
        Assert.Contains("window.Plotly = { fake: '<\\/script>' };", html);
        Assert.DoesNotContain(PlotlyJs.CdnUrl, html);
    }

    [Fact]
    public void Auto_inlines_when_a_bundle_exists_and_falls_back_to_the_cdn()
    {
        var bundle = FakeBundle();
        Assert.Contains("window.Plotly = { fake", Small().ToHtmlDocument(PlotlyJsSource.Auto, () => bundle));
        Assert.Contains($"<script src=\"{PlotlyJs.CdnUrl}\"", Small().ToHtmlDocument(PlotlyJsSource.Auto, () => null));
    }

    [Fact]
    public void Inline_without_a_bundle_fails_with_instructions()
    {
        var e = Assert.Throws<FileNotFoundException>(() => Small().ToHtmlDocument(PlotlyJsSource.Inline, () => null));
        Assert.Contains(PlotlyJs.EnvironmentVariable, e.Message);
        Assert.Contains("npm install plotly.js-dist-min@4.1.2", e.Message);
    }

    [Fact]
    public void Save_html_replaces_the_file_atomically_and_leaves_no_temp_files()
    {
        var bundle = FakeBundle();
        var path = Path.Combine(_dir, "nested", "report.html");
        File.WriteAllText(Path.Combine(_dir, "unrelated.txt"), "x");
        Small().SaveHtml(path, PlotlyJsSource.Inline, () => bundle);
        var first = File.ReadAllText(path);
        Assert.Contains("window.Plotly = { fake", first);

        Small().WithTitle("second").SaveHtml(path, PlotlyJsSource.Cdn, () => null);
        Assert.Contains("<title>second</title>", File.ReadAllText(path));
        Assert.Equal(["report.html"], Directory.GetFiles(Path.Combine(_dir, "nested")).Select(Path.GetFileName));
    }

    [Fact]
    public void A_failed_save_leaves_the_existing_file_untouched()
    {
        var path = Path.Combine(_dir, "report.html");
        File.WriteAllText(path, "old");
        Assert.Throws<FileNotFoundException>(() => Small().SaveHtml(path, PlotlyJsSource.Inline, () => null));
        Assert.Equal("old", File.ReadAllText(path));
        Assert.Single(Directory.GetFiles(_dir));
    }

    [Fact]
    public void Bundle_search_walks_up_from_each_start_directory()
    {
        var root = Path.Combine(_dir, "repo");
        var bundle = Path.Combine(root, PlotlyJs.BundleRelativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(bundle)!);
        File.WriteAllText(bundle, "//");
        var deep = Directory.CreateDirectory(Path.Combine(root, "tests", "bin", "Debug")).FullName;
        var elsewhere = Directory.CreateDirectory(Path.Combine(_dir, "elsewhere")).FullName;

        Assert.Equal(bundle, PlotlyJs.FindBundle(null, [elsewhere, deep]));
        Assert.Null(PlotlyJs.FindBundle(null, [elsewhere]));
    }

    [Fact]
    public void Environment_override_wins_and_a_bad_value_is_reported()
    {
        var bundle = FakeBundle();
        Assert.Equal(bundle, PlotlyJs.FindBundle(bundle, [_dir]));
        var missing = Path.Combine(_dir, "nope.js");
        var e = Assert.Throws<FileNotFoundException>(() => PlotlyJs.FindBundle(missing, [_dir]));
        Assert.Contains(PlotlyJs.EnvironmentVariable, e.Message);
        Assert.Contains(missing, e.Message);
    }

    /// <summary>
    /// Replays how .NET Interactive discovers convention-based formatters: an attribute found by its type name,
    /// FormatterSourceType and PreferredMimeTypes read by reflection, CreateTypeFormatters() invoked by name,
    /// then MimeType / Type properties and a Format(object, TextWriter) method looked up on each formatter.
    /// </summary>
    [Theory]
    [InlineData(typeof(Figure))]
    [InlineData(typeof(ResultTable))]
    public void Types_expose_convention_based_formatters(Type type)
    {
        var attribute = type.GetCustomAttributes(true).Single(a => a.GetType().Name == "TypeFormatterSourceAttribute");
        var sourceType = (Type)attribute.GetType().GetProperty("FormatterSourceType")!.GetValue(attribute)!;
        Assert.Equal(["text/html"], (string[])attribute.GetType().GetProperty("PreferredMimeTypes")!.GetValue(attribute)!);
        var source = Activator.CreateInstance(sourceType)!;
        var formatters = ((IEnumerable)sourceType.GetMethod("CreateTypeFormatters")!.Invoke(source, null)!).Cast<object>().ToList();

        object instance = type == typeof(Figure) ? Small() : new ResultTable("a").AddRow(1);
        var byMime = new Dictionary<string, string>();
        foreach (var formatter in formatters)
        {
            var ft = formatter.GetType();
            var mime = (string)ft.GetProperty("MimeType")!.GetValue(formatter)!;
            Assert.Equal(type, ft.GetProperty("Type")!.GetValue(formatter));
            var format = ft.GetMethod("Format")!; // must be unambiguous
            var writer = new StringWriter();
            Assert.True((bool)format.Invoke(formatter, [instance, writer])!);
            Assert.False((bool)format.Invoke(formatter, ["not renderable", new StringWriter()])!);
            byMime[mime] = writer.ToString();
        }
        Assert.Contains("<", byMime["text/html"]);
        Assert.False(string.IsNullOrWhiteSpace(byMime["text/plain"]));
    }
}
