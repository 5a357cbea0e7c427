using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using LatentWorkbench.Data;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace LatentWorkbench.Notebooks.Tests.Kernel;

/// <summary>
/// The real front end in a real browser: Debian's classic Jupyter Notebook (6.4.x) serving copies of notebooks 00 and
/// 01 with the workbench kernel installed as <c>.net-csharp</c> (the name their metadata asks for), driven by
/// Playwright through Debian's headless chromium with every request off the notebook server blocked. All cells run
/// (in quick mode, through an injected cell after the parameters cell); the test then checks that no cell produced
/// an error, that plotly.js came into the page once (the kernel's library output), and that every Plotly figure
/// output was drawn (an svg.main-svg) without network access. Screenshots go under the test output's screenshots/.
/// </summary>
public class ClassicNotebookBrowserTests(ITestOutputHelper output)
{
    private static readonly string[] Notebooks = ["00-quickstart.ipynb", "01-latent-vector-field.ipynb"];

    private static readonly string[] ChromiumArgs =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    [JupyterBrowserFact]
    public async Task Classic_notebook_runs_notebooks_00_and_01_and_draws_every_figure_offline()
    {
        if (JupyterBrowserFactAttribute.MissingPiece() is { } missing) Assert.Fail(missing);
        var repo = DataDirectories.FindRepositoryRoot(AppContext.BaseDirectory)
            ?? throw new InvalidOperationException($"no LatentWorkbench.sln above {AppContext.BaseDirectory}");
        // Under the test output (inside the repository), so the kernel finds the repository's data/ cache either way.
        var work = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "jupyter-browser", Guid.NewGuid().ToString("N")[..8])).FullName;
        var screenshots = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screenshots")).FullName;
        var environment = new Dictionary<string, string>
        {
            ["JUPYTER_PATH"] = Path.Combine(work, "prefix", "share", "jupyter"),
            ["JUPYTER_DATA_DIR"] = Path.Combine(work, "jupyter-data"),
            ["JUPYTER_CONFIG_DIR"] = Path.Combine(work, "jupyter-config"),
            ["JUPYTER_RUNTIME_DIR"] = Path.Combine(work, "jupyter-runtime"),
            ["LWB_DATA_DIR"] = Path.Combine(repo, "data"),
        };
        try
        {
            var install = Run(KernelProcess.DotnetHost, [KernelProcess.LwbDll, "kernel", "install", "--prefix", Path.Combine(work, "prefix"), "--name", ".net-csharp"], work, environment);
            Assert.True(install.ExitCode == 0, "lwb kernel install --name .net-csharp failed: " + install.Output);

            var notebookDir = Directory.CreateDirectory(Path.Combine(work, "notebooks")).FullName;
            foreach (var name in Notebooks) WriteQuickCopy(Path.Combine(repo, "notebooks", name), Path.Combine(notebookDir, name));

            var token = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());
            var port = FreePort();
            using var server = StartServer(notebookDir, port, token, environment, out var serverLog);
            try
            {
                await WaitForServer(port, token, server, serverLog);

                using var playwright = await Playwright.CreateAsync();
                await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
                {
                    ExecutablePath = JupyterBrowserFactAttribute.ChromiumPath, Headless = true, Args = ChromiumArgs,
                });
                foreach (var name in Notebooks)
                {
                    await RunNotebook(browser, port, token, name, Path.Combine(screenshots, "jupyter-" + Path.ChangeExtension(name, ".png")));
                    await CheckNbconvertHtml(browser, Path.Combine(notebookDir, name), environment, Path.Combine(screenshots, "nbconvert-" + Path.ChangeExtension(name, ".png")));
                }
            }
            finally
            {
                if (!server.HasExited) server.Kill(entireProcessTree: true);
                server.WaitForExit(10_000);
                lock (serverLog) output.WriteLine("--- jupyter-notebook log (tail) ---\n" + Tail(serverLog.ToString(), 3000));
            }
        }
        finally
        {
            try { Directory.Delete(work, recursive: true); }
            catch (IOException) { /* a kernel still closing its files; the folder is under bin/ and goes with it */ }
        }
    }

    private async Task RunNotebook(IBrowser browser, int port, string token, string name, string screenshot)
    {
        var origin = $"http://127.0.0.1:{port}";
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 1000 } });
        var blocked = new List<string>();
        var pageErrors = new List<string>();
        page.PageError += (_, error) => { lock (pageErrors) pageErrors.Add(error); };
        page.Console += (_, message) => { if (message.Type == "error") lock (pageErrors) pageErrors.Add("console: " + message.Text); };
        await page.RouteAsync("**/*", async route =>
        {
            if (route.Request.Url.StartsWith(origin + "/", StringComparison.Ordinal)) await route.ContinueAsync();
            else
            {
                lock (blocked) blocked.Add(route.Request.Url);
                await route.AbortAsync();
            }
        });

        var clock = Stopwatch.StartNew();
        await page.GotoAsync($"{origin}/notebooks/{Uri.EscapeDataString(name)}?token={token}");
        await page.WaitForFunctionAsync(
            "() => window.Jupyter && Jupyter.notebook && Jupyter.notebook.kernel && Jupyter.notebook.kernel.is_connected()",
            null, new PageWaitForFunctionOptions { Timeout = 120_000, PollingInterval = 250 });
        Assert.Equal(".net-csharp", await page.EvaluateAsync<string>("() => Jupyter.notebook.kernel.name"));
        var started = clock.Elapsed;

        await page.EvaluateAsync("() => Jupyter.notebook.execute_all_cells()");
        // Done when every code cell has a prompt number (not '*') and the kernel reports idle.
        await page.WaitForFunctionAsync("""
            () => Jupyter.notebook.get_cells().filter(c => c.cell_type === 'code').every(c => typeof c.input_prompt_number === 'number')
              && document.querySelector('#kernel_indicator_icon.kernel_idle_icon') !== null
            """, null, new PageWaitForFunctionOptions { Timeout = 900_000, PollingInterval = 500 });
        var ran = clock.Elapsed;

        var outputs = await page.EvaluateAsync<JsonElement>("""
            () => Jupyter.notebook.get_cells().filter(c => c.cell_type === 'code').flatMap((c, i) => c.output_area.outputs.map(o => ({
              cell: i, type: o.output_type, name: o.name || null,
              text: o.output_type === 'error' ? o.ename + ': ' + o.evalue : (o.output_type === 'stream' ? o.text.slice(0, 400) : null),
              plotly: !!(o.data && o.data['application/vnd.plotly.v1+json']),
              png: !!(o.data && o.data['image/png']),
              library: !!(o.data && o.data['text/html'] && o.data['text/html'].indexOf('data-lwb-plotlyjs') >= 0 && !o.data['application/vnd.plotly.v1+json']) })))
            """);
        var all = outputs.EnumerateArray().ToList();
        var errors = all.Where(o => o.GetProperty("type").GetString() == "error").Select(o => $"cell {o.GetProperty("cell").GetInt32()}: {o.GetProperty("text").GetString()}").ToList();
        foreach (var stderr in all.Where(o => o.GetProperty("name").GetString() == "stderr"))
            output.WriteLine($"{name} stderr (cell {stderr.GetProperty("cell").GetInt32()}): {stderr.GetProperty("text").GetString()}");
        var figures = all.Count(o => o.GetProperty("plotly").GetBoolean());
        var libraries = all.Count(o => o.GetProperty("library").GetBoolean());
        var images = all.Count(o => o.GetProperty("png").GetBoolean());

        // Every figure's fragment draws once window.Plotly is there; wait for all of them to settle (drawn or failed).
        await page.WaitForFunctionAsync("""
            n => document.querySelectorAll('.output_area .plotly-graph-div[data-lwb-rendered]').length >= n
            """, figures, new PageWaitForFunctionOptions { Timeout = 60_000, PollingInterval = 250 });
        var drawn = await page.EvaluateAsync<int>(
            "() => Array.from(document.querySelectorAll('.output_area .plotly-graph-div[data-lwb-rendered=\"true\"]')).filter(d => d.querySelector('svg.main-svg')).length");
        var messages = await page.EvaluateAsync<string[]>("() => Array.from(document.querySelectorAll('.output_area .lwb-plotly-error')).map(e => e.textContent)");
        var hasPlotly = await page.EvaluateAsync<bool>("() => !!(window.Plotly && window.Plotly.newPlot)");
        var plotlyVersion = await page.EvaluateAsync<string?>("() => window.Plotly && window.Plotly.version");

        // The notebook page scrolls inside #site and long outputs in their own boxes; let both grow so a full-page
        // screenshot shows every output.
        await page.EvaluateAsync("() => { Jupyter.notebook.get_cells().forEach(c => c.output_area && c.output_area.unscroll_area()); const s = document.getElementById('site'); if (s) { s.style.height = 'auto'; s.style.overflow = 'visible'; } document.body.style.overflow = 'visible'; document.body.style.height = 'auto'; }");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });
        output.WriteLine($"{name}: kernel connected after {started.TotalSeconds:0.0} s, all cells ran after {ran.TotalSeconds:0.0} s; " +
            $"{all.Count} outputs, {figures} figures ({drawn} drawn), {images} with image/png, {libraries} plotly.js library output(s), plotly {plotlyVersion}; screenshot {screenshot}");
        if (blocked.Count > 0) output.WriteLine($"{name}: blocked requests: {string.Join(", ", blocked.Distinct())}");
        if (pageErrors.Count > 0) output.WriteLine($"{name}: page errors: {string.Join(" | ", pageErrors)}");

        Assert.True(errors.Count == 0, $"{name}: error outputs: {string.Join("; ", errors)}");
        Assert.True(figures > 0, $"{name}: no output carries application/vnd.plotly.v1+json");
        Assert.Equal(1, libraries);
        Assert.True(hasPlotly, $"{name}: window.Plotly is not defined after the run");
        Assert.Equal(LatentWorkbench.Figures.PlotlyJs.Version, plotlyVersion);
        Assert.True(messages.Length == 0, $"{name}: figures show error messages: {string.Join(" | ", messages)}");
        Assert.True(drawn == figures, $"{name}: {drawn} of {figures} Plotly figures drew an svg.main-svg");
        Assert.DoesNotContain(blocked, u => u.Contains("plotly", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(pageErrors, e => e.Contains("Plotly", StringComparison.OrdinalIgnoreCase) || e.Contains("newPlot", StringComparison.Ordinal));
        // Saved as executed, for the nbconvert check.
        await page.EvaluateAsync("() => Jupyter.notebook.save_notebook()");
        await page.CloseAsync();
    }

    /// <summary>
    /// nbconvert's HTML export of the executed notebook, opened as a file with every other request blocked: it shows
    /// the text/html fallbacks, which draw from the library output inlined in the page.
    /// </summary>
    private async Task CheckNbconvertHtml(IBrowser browser, string notebook, Dictionary<string, string> environment, string screenshot)
    {
        var name = Path.GetFileName(notebook);
        var html = Path.ChangeExtension(notebook, ".html");
        var convert = Run("/usr/bin/jupyter", ["nbconvert", "--to", "html", "--output", Path.GetFileName(html), notebook], Path.GetDirectoryName(notebook)!, environment);
        Assert.True(convert.ExitCode == 0, $"nbconvert --to html {name} failed: {convert.Output}");
        var saved = JsonNode.Parse(File.ReadAllText(notebook))!;
        var figures = saved["cells"]!.AsArray().SelectMany(c => c!["outputs"]?.AsArray() ?? []).Count(o => o!["data"]?["application/vnd.plotly.v1+json"] is not null);

        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 1000 } });
        var blocked = new List<string>();
        await page.RouteAsync("**/*", async route =>
        {
            if (route.Request.Url.StartsWith("file:", StringComparison.Ordinal)) await route.ContinueAsync();
            else
            {
                lock (blocked) blocked.Add(route.Request.Url);
                await route.AbortAsync();
            }
        });
        await page.GotoAsync(new Uri(html).AbsoluteUri);
        await page.WaitForFunctionAsync("n => document.querySelectorAll('.plotly-graph-div[data-lwb-rendered]').length >= n", figures,
            new PageWaitForFunctionOptions { Timeout = 60_000, PollingInterval = 250 });
        var drawn = await page.EvaluateAsync<int>(
            "() => Array.from(document.querySelectorAll('.plotly-graph-div[data-lwb-rendered=\"true\"]')).filter(d => d.querySelector('svg.main-svg')).length");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });
        output.WriteLine($"{name} as nbconvert HTML: {drawn} of {figures} figures drawn offline; blocked: {string.Join(", ", blocked.Distinct())}; screenshot {screenshot}");
        Assert.True(figures > 0 && drawn == figures, $"{name} as nbconvert HTML: {drawn} of {figures} Plotly figures drew an svg.main-svg");
        await page.CloseAsync();
    }

    /// <summary>Copies a notebook with outputs cleared and a cell setting Quick = true right after its parameters cell.</summary>
    private static void WriteQuickCopy(string source, string target)
    {
        var notebook = JsonNode.Parse(File.ReadAllText(source))!.AsObject();
        var cells = notebook["cells"]!.AsArray();
        var parameters = cells.Select((c, i) => (Cell: c!, Index: i))
            .FirstOrDefault(p => p.Cell["metadata"]?["tags"] is JsonArray tags && tags.Any(t => t?.GetValue<string>() == "parameters"));
        if (parameters.Cell is null) throw new InvalidOperationException($"{source}: no cell tagged 'parameters' to follow with Quick = true");
        foreach (var cell in cells)
            if (cell!["cell_type"]!.GetValue<string>() == "code")
            {
                cell["outputs"] = new JsonArray();
                cell["execution_count"] = null;
            }
        cells.Insert(parameters.Index + 1, new JsonObject
        {
            ["cell_type"] = "code", ["execution_count"] = null, ["id"] = "lwb-quick",
            ["metadata"] = new JsonObject { ["tags"] = new JsonArray("injected-parameters") },
            ["outputs"] = new JsonArray(), ["source"] = "Quick = true;",
        });
        File.WriteAllText(target, notebook.ToJsonString());
    }

    private static Process StartServer(string notebookDir, int port, string token, Dictionary<string, string> environment, out StringBuilder log)
    {
        var start = new ProcessStartInfo(JupyterBrowserFactAttribute.NotebookPath)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = notebookDir,
        };
        foreach (var arg in new[]
                 {
                     "--no-browser", "--allow-root", "--ip=127.0.0.1", $"--port={port}", "--port-retries=0",
                     $"--NotebookApp.token={token}", $"--NotebookApp.notebook_dir={notebookDir}",
                 })
            start.ArgumentList.Add(arg);
        foreach (var (key, value) in environment) start.Environment[key] = value;
        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {JupyterBrowserFactAttribute.NotebookPath}");
        var buffer = new StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (buffer) buffer.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (buffer) buffer.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        log = buffer;
        return process;
    }

    private static async Task WaitForServer(int port, string token, Process server, StringBuilder log)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(90))
        {
            if (server.HasExited)
                lock (log) Assert.Fail($"jupyter-notebook exited with {server.ExitCode}: {Tail(log.ToString(), 3000)}");
            try
            {
                using var response = await http.GetAsync($"http://127.0.0.1:{port}/api/status?token={token}");
                if (response.StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { /* not listening yet */ }
            catch (TaskCanceledException) { /* not answering yet */ }
            await Task.Delay(250);
        }
        lock (log) Assert.Fail($"jupyter-notebook did not answer on port {port} within 90 s: {Tail(log.ToString(), 3000)}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string Tail(string text, int length) => text.Length <= length ? text : "..." + text[^length..];

    private static (int ExitCode, string Output) Run(string file, IEnumerable<string> args, string workingDirectory, IDictionary<string, string> environment) =>
        ChildProcess.Run(file, args, workingDirectory, environment, TimeSpan.FromMinutes(2));
}
