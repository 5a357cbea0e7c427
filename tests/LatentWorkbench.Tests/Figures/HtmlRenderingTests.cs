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
    public void Mime_bundle_has_plotly_json_with_config_an_offline_html_fallback_and_text()
    {
        var f = Small();
        var bundle = f.ToMimeBundle();
        var json = Assert.IsAssignableFrom<JsonObject>(bundle[Figure.PlotlyMimeType]);
        Assert.Equal(f.ToJsonNode()["data"]!.ToJsonString(), json["data"]!.ToJsonString());
        Assert.Equal("A & B", json["layout"]!["title"]!["text"]!.GetValue<string>()); // plotly.js 3+ schema: title is an object
        Assert.True(json["config"]!["responsive"]!.GetValue<bool>());
        Assert.False(json["config"]!["displaylogo"]!.GetValue<bool>());
        Assert.False(bundle.ContainsKey("image/png"));
        var html = Assert.IsType<string>(bundle["text/html"]);
        Assert.Contains("class=\"plotly-graph-div\"", html);
        Assert.Contains("P.newPlot(gd, figure.data, figure.layout, figure.config)", html);
        // Offline: the fragment waits for the page's window.Plotly; it never asks require.js or a CDN for it.
        Assert.Contains("window.Plotly", html);
        Assert.DoesNotContain("requirejs", html);
        Assert.DoesNotContain(PlotlyJs.CdnUrl, html);
        Assert.Contains("lwb-plotly-error", html);
        Assert.Contains("Interactive plotly.js figure", html); // the static note shown where no script runs
        // The trace name contains </script>; it must not close the script element early.
        Assert.DoesNotContain("</script><b>", html);
        Assert.Equal("Figure \"A & B\": 1 trace (scatter)", bundle["text/plain"]);
    }

    [Fact]
    public void Library_html_evaluates_the_bundle_with_amd_and_commonjs_hidden()
    {
        var html = PlotlyHtml.Library("window.Plotly = { newPlot: function () {} }; // </script>", PlotlyJs.Version);
        Assert.Contains($"{PlotlyJs.LibraryMarker}=\"{PlotlyJs.Version}\"", html);
        Assert.Contains("(function (define, module, exports, require) {", html);
        Assert.Contains("}).call(window);", html);
        Assert.Contains("// <\\/script>", html);
        Assert.Equal(2, html.Split("</script>").Length); // only the element's own end tag
        Assert.Contains("failed to load", html);
    }

    [Fact]
    public void Image_grids_carry_a_static_png_in_the_bundle_and_the_html_fallback()
    {
        var pixels = new float[2 * 4 * 5];
        pixels[3] = 1;
        var figure = ImageGrid.Tiled(pixels, 2, 1, 4, 5, columns: 2);
        var bundle = figure.ToMimeBundle();
        var png = Assert.IsType<byte[]>(bundle["image/png"]);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
        // Two 5-wide tiles with a 1-pixel gap: 11 x 4, enlarged by ceil(480 / 11) capped at 8.
        Assert.Equal(11 * 8, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)));
        Assert.Equal(4 * 8, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
        Assert.Contains("src=\"data:image/png;base64," + Convert.ToBase64String(png), Assert.IsType<string>(bundle["text/html"]));
        Assert.NotNull(ImageGrid.Subplots(new float[3 * 3 * 2 * 2], 3, 3, 2, 2).StaticImagePng);
    }

    [Fact]
    public void Figures_over_200k_points_switch_to_webgl_and_over_2m_are_thinned_with_a_note()
    {
        static Figure Points(int n) => Figure.Create(Plot.Scatter(new double[n], new double[n], "p"));
        Assert.Equal("scatter", Points(PointBudget.WebGlThreshold).ToJsonNode()["data"]![0]!["type"]!.GetValue<string>());

        var gl = Points(PointBudget.WebGlThreshold + 1).ToJsonNode();
        Assert.Equal("scattergl", gl["data"]![0]!["type"]!.GetValue<string>());
        Assert.Equal(PointBudget.WebGlThreshold + 1, gl["data"]![0]!["x"]!.AsArray().Count);
        Assert.Null(gl["layout"]!["annotations"]);

        var thinned = Points(2 * PointBudget.ThinningThreshold + 10).ToJsonNode();
        var trace = thinned["data"]![0]!;
        Assert.Equal("scattergl", trace["type"]!.GetValue<string>());
        Assert.Equal(trace["x"]!.AsArray().Count, trace["y"]!.AsArray().Count);
        Assert.True(trace["x"]!.AsArray().Count <= PointBudget.ThinningThreshold, $"{trace["x"]!.AsArray().Count} points kept");
        Assert.Contains("points: 1 in 3 shown", thinned["layout"]!["annotations"]![0]!["text"]!.GetValue<string>());
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

    [Fact]
    public void Dotnet_interactive_html_brings_plotly_before_the_first_figure_only()
    {
        MimeBundleFormatter.ResetLibrary();
        var html = new MimeBundleFormatter(typeof(Figure), "text/html");
        string Format(object value)
        {
            var writer = new StringWriter();
            Assert.True(html.Format(value, writer));
            return writer.ToString();
        }
        Assert.DoesNotContain(PlotlyJs.LibraryMarker, Format(new ResultTable("a").AddRow(1))); // not a figure
        var first = Format(Small());
        Assert.Contains(PlotlyJs.LibraryMarker, first);
        Assert.True(first.IndexOf(PlotlyJs.LibraryMarker, StringComparison.Ordinal) < first.IndexOf("plotly-graph-div", StringComparison.Ordinal));
        Assert.DoesNotContain(PlotlyJs.LibraryMarker, Format(Small()));
    }
}
