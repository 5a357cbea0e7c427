using System.Text.Json;
using LatentWorkbench.Figures;
using Microsoft.Playwright;

namespace LatentWorkbench.Tests.Figures;

/// <summary>
/// A fact that needs the optional browser pieces (Debian's chromium and the plotly.js npm bundle). In CI (CI set)
/// it always runs, so a missing piece fails with install instructions; elsewhere a missing piece, or
/// LWB_SKIP_BROWSER=1, reports it as skipped with the reason.
/// </summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("LWB_SKIP_BROWSER") == "1")
            Skip = "LWB_SKIP_BROWSER=1 is set.";
        else if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")))
            Skip = MissingPiece();
    }

    private static string? MissingPiece()
    {
        if (!File.Exists(BrowserRenderTests.ChromiumPath))
            return $"{BrowserRenderTests.ChromiumPath} is not installed (apt-get install chromium); CI installs it and runs this test.";
        try
        {
            // No download while deciding whether to skip; under CI the tests themselves fetch the bundle into the cache.
            if (PlotlyJsBundle.Find() is null)
                return "plotly.js is not cached (run `lwb data fetch plotly.js` or `npm install` in the repository root); CI installs it and runs this test.";
        }
        catch (FileNotFoundException e)
        {
            return e.Message;
        }
        return null;
    }
}

/// <summary>A theory with <see cref="BrowserFactAttribute"/>'s skip rule.</summary>
public sealed class BrowserTheoryAttribute : TheoryAttribute
{
    public BrowserTheoryAttribute() => Skip = new BrowserFactAttribute().Skip;
}

/// <summary>
/// Opens a standalone report in Debian's headless chromium through Playwright (never a downloaded browser)
/// and checks that plotly.js really drew it, offline, without script errors.
/// </summary>
public class BrowserRenderTests
{
    internal const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string[] ChromiumArgs =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    private static Figure Report()
    {
        const int n = 21;
        var axis = Enumerable.Range(0, n).Select(i => -2 + 4.0 * i / (n - 1)).ToArray();
        var z = new double[n, n];
        for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++) z[i, j] = Math.Exp(-(axis[i] * axis[i] + axis[j] * axis[j]) / 2) * Math.Cos(2 * axis[j]);
        VectorField2 spiral = (x, y) => (-y - 0.2 * x, x - 0.2 * y);

        var t = Enumerable.Range(0, 200).Select(i => i * 0.05).ToArray();
        var scatter = Plot.Scatter(t.Select(Math.Cos).ToArray(), t.Select(Math.Sin).ToArray(), "orbit", ScatterMode.LinesMarkers)
            .WithMarkerColors(t, ColorScale.Viridis, new ColorBar("time", X: 0.45, Length: 0.4))
            .WithLine(width: 1, dash: LineDash.Dot);

        return Figure.Subplots(2, 2, ["scatter", "heatmap", "quiver + streamlines", "native quiver (plotly.js 4)"])
            .Add(scatter, 1, 1)
            .Add(Plot.Heatmap(z, axis, axis, ColorScale.RdBu).WithColorBar(show: false), 1, 2)
            .Add(Plot.Quiver(spiral, (-2, 2), (-2, 2), 11, 11, "field").WithStyle("#444"), 2, 1)
            .Add(Plot.Streamlines(spiral, [(1.5, 0.0), (-1.5, 0.0)], new StreamlineOptions(0.05, 400, Bounds: (-2, 2, -2, 2)), "streamlines").WithLine("crimson", 2), 2, 1)
            .Add(Plot.Quiver(spiral, (-2, 2), (-2, 2), 9, 9, "native").AsNative().WithStyle("teal"), 2, 2)
            .WithEqualAspect(1, 1).WithEqualAspect(2, 1)
            .WithXAxis("x", row: 2, col: 1).WithYAxis("y", row: 2, col: 1)
            .WithTitle("LatentWorkbench figure check")
            .WithSize(1000, 850);
    }

    private static async Task<IBrowser> Launch(IPlaywright playwright)
    {
        if (!File.Exists(ChromiumPath))
            Assert.Fail($"{ChromiumPath} not found. Install Debian's chromium (`apt-get install chromium`); set LWB_SKIP_BROWSER=1 to skip this test locally.");
        return await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
        });
    }

    /// <summary>
    /// Saves <paramref name="figure"/> as a standalone page with plotly.js inlined, opens it with every non-file
    /// request blocked, waits for plotly to finish, screenshots it, and checks there were no script errors.
    /// </summary>
    private static async Task<IPage> OpenStandalone(IBrowser browser, Figure figure, string name)
    {
        var outDir = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screenshots")).FullName;
        var htmlPath = Path.Combine(outDir, name + ".html");
        // Inline so the page needs no network; fails with install instructions when the npm bundle is missing.
        figure.SaveHtml(htmlPath, PlotlyJsSource.Inline);

        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1040, Height = 900 } });
        var errors = new List<string>();
        page.Console += (_, msg) => { if (msg.Type == "error") errors.Add("console: " + msg.Text); };
        page.PageError += (_, error) => errors.Add("pageerror: " + error);
        var external = new List<string>();
        await page.RouteAsync("**/*", async route =>
        {
            if (route.Request.Url.StartsWith("file:", StringComparison.Ordinal)) await route.ContinueAsync();
            else
            {
                external.Add(route.Request.Url);
                await route.AbortAsync();
            }
        });

        await page.GotoAsync(new Uri(htmlPath).AbsoluteUri);
        await page.WaitForSelectorAsync("#lwb-figure[data-lwb-rendered]", new PageWaitForSelectorOptions { Timeout = 60_000, State = WaitForSelectorState.Attached });
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(outDir, name + ".png"), FullPage = true });

        Assert.Equal("true", await page.GetAttributeAsync("#lwb-figure", "data-lwb-rendered"));
        Assert.Empty(errors);
        Assert.Empty(external);
        return page;
    }

    [BrowserFact]
    public async Task Standalone_report_draws_scatter_heatmap_and_quiver_in_headless_chromium()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Launch(playwright);
        var page = await OpenStandalone(browser, Report(), "figure-report");

        Assert.True(await page.Locator(".main-svg").CountAsync() >= 1, "plotly drew no .main-svg");

        var fullData = await page.EvaluateAsync<JsonElement>(
            "() => document.getElementById('lwb-figure')._fullData.map(t => ({ type: t.type, visible: t.visible, xaxis: t.xaxis || null }))");
        var traces = fullData.EnumerateArray().Select(e => (Type: e.GetProperty("type").GetString(), Visible: e.GetProperty("visible").GetBoolean(), XAxis: e.GetProperty("xaxis").GetString())).ToList();
        Assert.Equal([("scatter", true, "x"), ("heatmap", true, "x2"), ("scatter", true, "x3"), ("scatter", true, "x3"), ("quiver", true, "x4")], traces);

        // Drawn SVG: three scatter-like line traces, a heatmap image, and the native quiver's arrow paths.
        Assert.Equal(3, await page.Locator(".scatterlayer .trace").CountAsync());
        Assert.True(await page.Locator(".heatmaplayer image").CountAsync() >= 1, "heatmap image missing");
        Assert.True(await page.Locator(".scatterlayer .trace .js-line").CountAsync() >= 3, "line paths missing");
        var quiverPaths = await page.EvaluateAsync<int>("() => document.querySelectorAll('.main-svg .trace.quiver path, .main-svg .quiverlayer path').length");
        Assert.True(quiverPaths >= 81, $"expected >= 81 native quiver arrow paths, found {quiverPaths}");
        Assert.Equal(4, await page.Locator(".main-svg .annotation").CountAsync());
    }

    [BrowserFact]
    public async Task Image_grids_draw_grayscale_tiles_and_rgb_subplots()
    {
        // 6 grayscale 8x8 images with a bright diagonal, and 3 RGB 8x8 images, one pure channel each.
        const int h = 8, w = 8;
        var gray = new float[6 * h * w];
        for (var n = 0; n < 6; n++)
            for (var i = 0; i < h; i++)
                gray[n * h * w + i * w + (i + n) % w] = 1;
        var rgb = new float[3 * 3 * h * w];
        for (var n = 0; n < 3; n++)
            Array.Fill(rgb, 1f, n * 3 * h * w + n * h * w, h * w);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Launch(playwright);
        var tiled = await OpenStandalone(browser, ImageGrid.Tiled(gray, 6, 1, h, w, columns: 3, title: "tiled").WithSize(600, 450), "image-grid-tiled");
        Assert.Equal(1, await tiled.Locator(".heatmaplayer image").CountAsync());

        var subplots = await OpenStandalone(browser, ImageGrid.Subplots(rgb, 3, 3, h, w, columns: 3, labels: ["red", "green", "blue"]).WithSize(600, 300), "image-grid-rgb");
        Assert.Equal(3, await subplots.Locator(".imagelayer image").CountAsync());
        Assert.Equal(3, await subplots.Locator(".main-svg .annotation").CountAsync());
    }

    /// <summary>Debian's require.js (libjs-requirejs, installed with jupyter-notebook), as classic Notebook pages have it.</summary>
    private const string RequireJs = "/usr/share/javascript/requirejs/require.js";

    /// <summary>Opens <paramref name="html"/> as a file page with every non-file request blocked and recorded.</summary>
    private static async Task<(IPage Page, List<string> Errors, List<string> External)> OpenPage(IBrowser browser, string html, string name)
    {
        var outDir = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screenshots")).FullName;
        var htmlPath = Path.Combine(outDir, name + ".html");
        File.WriteAllText(htmlPath, html);
        var page = await browser.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, msg) => { if (msg.Type == "error") errors.Add("console: " + msg.Text); };
        page.PageError += (_, error) => errors.Add("pageerror: " + error);
        var external = new List<string>();
        await page.RouteAsync("**/*", async route =>
        {
            if (route.Request.Url.StartsWith("file:", StringComparison.Ordinal)) await route.ContinueAsync();
            else
            {
                external.Add(route.Request.Url);
                await route.AbortAsync();
            }
        });
        await page.GotoAsync(new Uri(htmlPath).AbsoluteUri);
        return (page, errors, external);
    }

    /// <summary>
    /// The kernel's library output and figure fragments, offline, on a plain page and on a page with require.js
    /// (where plotly.js 4 registers no AMD module, so the old requirejs loader drew nothing): the library defines
    /// window.Plotly, a fragment shown before it waits and draws once it comes, one shown after draws at once.
    /// </summary>
    [BrowserTheory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Notebook_fragments_draw_offline_from_the_inlined_library_with_and_without_requirejs(bool withRequireJs)
    {
        if (withRequireJs && !File.Exists(RequireJs)) Assert.Fail($"{RequireJs} is missing (apt-get install jupyter-notebook brings libjs-requirejs).");
        var bundle = PlotlyJs.FindBundle()
            ?? throw new FileNotFoundException("Run `lwb data fetch plotly.js` or `npm install` in the repository root (or set LWB_PLOTLYJS).");
        var library = PlotlyHtml.Library(File.ReadAllText(bundle), PlotlyJs.Version);
        var first = Figure.Create(Plot.Line(new[] { 1.0, 3, 2 }, "a")).WithSize(400, 300);
        var second = Figure.Create(Plot.Bar(["x", "y"], new[] { 2.0, 5 }, "b")).WithSize(400, 300);
        var head = withRequireJs ? $"<script src=\"{new Uri(RequireJs).AbsoluteUri}\"></script>" : "";
        var name = withRequireJs ? "notebook-fragments-requirejs" : "notebook-fragments";

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Launch(playwright);
        // The first fragment comes before the library, as when a front end renders outputs out of order.
        var (page, errors, external) = await OpenPage(browser,
            $"<!DOCTYPE html><html><head><meta charset=\"utf-8\">{head}</head><body>{first.ToHtml("first")}{library}{second.ToHtml("second")}</body></html>", name);
        // require.js is really there (an AMD define), and the library restored it after hiding it from the bundle.
        if (withRequireJs) Assert.True(await page.EvaluateAsync<bool>("() => typeof window.define === 'function' && !!window.define.amd"), "require.js did not load");
        var wait = new PageWaitForSelectorOptions { Timeout = 60_000 };
        await page.WaitForSelectorAsync("#first[data-lwb-rendered=\"true\"] .main-svg", wait);
        await page.WaitForSelectorAsync("#second[data-lwb-rendered=\"true\"] .main-svg", wait);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(AppContext.BaseDirectory, "screenshots", name + ".png"), FullPage = true });

        Assert.Empty(errors);
        Assert.Empty(external);
        Assert.Equal(PlotlyJs.Version, await page.EvaluateAsync<string>("() => window.Plotly.version"));
        Assert.Equal(1, await page.Locator("#first .scatterlayer .trace").CountAsync());
        Assert.Equal(2, await page.Locator("#second .barlayer .point").CountAsync());
        Assert.Equal(0, await page.Locator(".lwb-plotly-error").CountAsync());
        Assert.Equal(0, await page.Locator(".lwb-plotly-static").CountAsync()); // the static note was replaced by the drawing
    }

    /// <summary>Without the library on the page a fragment says so in the output instead of leaving an empty box.</summary>
    [BrowserFact]
    public async Task A_fragment_without_plotly_on_the_page_shows_a_visible_message()
    {
        var figure = Figure.Create(Plot.Line(new[] { 1.0, 2 }, "a")).WithSize(400, 300);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Launch(playwright);
        var (page, _, external) = await OpenPage(browser,
            $"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><script>window.lwbPlotlyWaitMs = 300;</script></head><body>{figure.ToHtml("lonely")}</body></html>",
            "notebook-fragment-without-plotly");
        var message = page.Locator("#lonely .lwb-plotly-error");
        await message.WaitForAsync(new LocatorWaitForOptions { Timeout = 10_000, State = WaitForSelectorState.Visible });
        Assert.Contains("plotly.js is not loaded on this page", await message.TextContentAsync());
        Assert.Equal("error", await page.GetAttributeAsync("#lonely", "data-lwb-rendered"));
        Assert.True((await message.BoundingBoxAsync())!.Height > 10, "the message has no visible height");
        Assert.Empty(external);
    }
}
