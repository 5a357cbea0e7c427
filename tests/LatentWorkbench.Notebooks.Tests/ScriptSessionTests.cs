using LatentWorkbench.Display;
using LatentWorkbench.Notebooks.Display;
using LatentWorkbench.Notebooks.Documents;
using LatentWorkbench.Notebooks.Scripting;

namespace LatentWorkbench.Notebooks.Tests;

public sealed class ScriptSessionTests : IDisposable
{
    private static MimeBundle StandInLibrary() =>
        new MimeBundle().Set(MimeBundle.Html, "<div data-lwb-plotlyjs=\"test\"></div>").Set(MimeBundle.PlainText, "plotly.js stand-in");

    private readonly ScriptSession _session = new(new ScriptSessionOptions
    {
        NotebookDirectory = Path.GetTempPath(),
        AdditionalReferences = { typeof(FakeFigure).Assembly },
        // A stand-in for the 4.8 MB library keeps these tests fast and independent of the plotly.js cache.
        Formatters = new FormatterRegistry(new PlotlyLibraryPreamble(StandInLibrary)),
    });

    public void Dispose() => _session.Dispose();

    [Fact]
    public async Task State_carries_across_cells()
    {
        var first = await _session.ExecuteAsync("var x = 20; int Twice(int v) => 2 * v;");
        Assert.True(first.Succeeded, Describe(first));
        var second = await _session.ExecuteAsync("x = Twice(x) + 2;");
        Assert.True(second.Succeeded, Describe(second));
        var third = await _session.ExecuteAsync("x");
        Assert.Equal(42, third.ReturnValue);
        var result = Assert.IsType<ExecuteResultOutput>(Assert.Single(third.Outputs));
        Assert.Equal("42", result.Data.GetText(MimeBundle.PlainText));
        Assert.Equal(3, result.ExecutionCount);
    }

    [Fact]
    public async Task Display_and_trailing_expression_give_rich_outputs()
    {
        var cell = await _session.ExecuteAsync("""
            display(new LatentWorkbench.Notebooks.Tests.FakeFigure("a"));
            display("<b>bold</b>", "text/html");
            new LatentWorkbench.Notebooks.Tests.FakeFigure("b")
            """);
        Assert.True(cell.Succeeded, Describe(cell));
        Assert.Equal(4, cell.Outputs.Count);
        Assert.True(PlotlyLibraryPreamble.IsLibrary(Assert.IsType<DisplayDataOutput>(cell.Outputs[0]).Data)); // before the first figure
        cell = new CellExecutionResult(cell.ExecutionCount, cell.Status, cell.Outputs.Skip(1).ToArray(), cell.Duration, cell.ReturnValue);
        var figure = Assert.IsType<DisplayDataOutput>(cell.Outputs[0]);
        Assert.Equal("a", figure.Data[MimeBundle.Plotly]["data"]![0]!["name"]!.GetValue<string>());
        Assert.Equal("<div>a</div>", figure.Data.GetText(MimeBundle.Html));
        Assert.Equal("figure a", figure.Data.GetText(MimeBundle.PlainText));
        var html = Assert.IsType<DisplayDataOutput>(cell.Outputs[1]);
        Assert.Equal("<b>bold</b>", html.Data.GetText(MimeBundle.Html));
        var result = Assert.IsType<ExecuteResultOutput>(cell.Outputs[2]);
        Assert.Equal("b", result.Data[MimeBundle.Plotly]["data"]![0]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Plotly_library_comes_once_per_session_before_its_first_figure()
    {
        var streamed = new List<NotebookOutput>();
        _session.OutputProduced += (_, e) => { lock (streamed) streamed.Add(e.Output); };
        var plain = await _session.ExecuteAsync("display(1); 2");
        Assert.Equal(2, plain.Outputs.Count); // no figure, no library
        Assert.False(_session.Formatters.PlotlyLibrary.Shown);

        var first = await _session.ExecuteAsync("new LatentWorkbench.Notebooks.Tests.FakeFigure(\"a\")");
        Assert.Collection(first.Outputs,
            o => Assert.Equal("plotly.js stand-in", Assert.IsType<DisplayDataOutput>(o).Data.GetText(MimeBundle.PlainText)),
            o => Assert.Equal("figure a", Assert.IsType<ExecuteResultOutput>(o).Data.GetText(MimeBundle.PlainText)));
        // The kernel streams what the session raises: the library goes out before the figure there too.
        lock (streamed) Assert.Equal(first.Outputs, streamed.Skip(2));

        var again = await _session.ExecuteAsync("display(new LatentWorkbench.Notebooks.Tests.FakeFigure(\"b\"));");
        Assert.Equal("figure b", Assert.IsType<DisplayDataOutput>(Assert.Single(again.Outputs)).Data.GetText(MimeBundle.PlainText));

        using var other = new ScriptSession(new ScriptSessionOptions
        {
            NotebookDirectory = Path.GetTempPath(),
            AdditionalReferences = { typeof(FakeFigure).Assembly },
            Formatters = new FormatterRegistry(new PlotlyLibraryPreamble(StandInLibrary)),
        });
        var fresh = await other.ExecuteAsync("new LatentWorkbench.Notebooks.Tests.FakeFigure(\"c\")");
        Assert.Equal(2, fresh.Outputs.Count); // a new session (a restarted kernel) brings the library again
    }

    [Fact]
    public void Default_library_display_inlines_plotly_or_warns_visibly()
    {
        var library = PlotlyLibraryPreamble.LibraryBundle();
        Assert.True(PlotlyLibraryPreamble.IsLibrary(library));
        var html = library.GetText(MimeBundle.Html)!;
        if (LatentWorkbench.Figures.PlotlyJsBundle.Find() is not null)
        {
            Assert.Contains("plotly.js v4.1.2", html); // the bundle's own banner
            Assert.DoesNotContain(LatentWorkbench.Figures.PlotlyJs.CdnUrl, html);
        }
        else Assert.True(html.Contains("plotly.js v4.1.2") || html.Contains("not available locally"), "neither the downloaded bundle nor the CDN warning");
    }

    [Fact]
    public async Task Registered_formatter_wins_over_default()
    {
        _session.Formatters.Register<int[]>(a => new MimeBundle().Set(MimeBundle.Html, $"<ol>{string.Concat(a.Select(i => $"<li>{i}</li>"))}</ol>"));
        var cell = await _session.ExecuteAsync("new[] { 1, 2 }");
        var result = Assert.IsType<ExecuteResultOutput>(Assert.Single(cell.Outputs));
        Assert.Equal("<ol><li>1</li><li>2</li></ol>", result.Data.GetText(MimeBundle.Html));
        var list = await _session.ExecuteAsync("new List<double> { 0.5, 2 }");
        Assert.Equal("[0.5, 2]", Assert.IsType<ExecuteResultOutput>(Assert.Single(list.Outputs)).Data.GetText(MimeBundle.PlainText));
    }

    [Fact]
    public async Task Console_output_becomes_stream_outputs_in_order()
    {
        var streamed = new List<string>();
        _session.OutputProduced += (_, e) => { if (e.Output is StreamOutput s) lock (streamed) streamed.Add(s.Text); };
        var cell = await _session.ExecuteAsync("""
            Console.WriteLine("one");
            Console.Write("two");
            Console.Error.WriteLine("oops");
            await Task.Run(() => Console.WriteLine("from a task"));
            display(1);
            Console.WriteLine("after");
            """);
        Assert.True(cell.Succeeded, Describe(cell));
        Assert.Collection(cell.Outputs,
            o => Assert.Equal(new StreamOutput("stdout", "one\ntwo"), o),
            o => Assert.Equal(new StreamOutput("stderr", "oops\n"), o),
            o => Assert.Equal(new StreamOutput("stdout", "from a task\n"), o),
            o => Assert.IsType<DisplayDataOutput>(o),
            o => Assert.Equal(new StreamOutput("stdout", "after\n"), o));
        Assert.Equal("one\ntwooops\nfrom a task\nafter\n", string.Concat(streamed));
    }

    [Fact]
    public async Task Exception_names_cell_and_line()
    {
        var cell = await _session.ExecuteAsync("var a = 1;\nvar b = 2;\nthrow new InvalidOperationException(\"boom\");", new CellExecutionOptions { CellName = "cell 7" });
        Assert.Equal(CellStatus.Error, cell.Status);
        var error = Assert.IsType<ErrorOutput>(Assert.Single(cell.Outputs));
        Assert.Equal("System.InvalidOperationException", error.EName);
        Assert.Equal("boom", error.EValue);
        Assert.Contains("   in cell 7, line 3", error.Traceback);
    }

    [Fact]
    public async Task Exception_in_method_from_earlier_cell_points_there()
    {
        await _session.ExecuteAsync("int Fail(int v)\n{\n    if (v > 0) throw new ArgumentException(\"bad v\");\n    return v;\n}", new CellExecutionOptions { CellName = "cell 1" });
        var cell = await _session.ExecuteAsync("Fail(3)", new CellExecutionOptions { CellName = "cell 2" });
        var error = Assert.IsType<ErrorOutput>(Assert.Single(cell.Outputs));
        Assert.Contains("   in cell 1, line 3", error.Traceback);
        Assert.Contains(error.Traceback, l => l.Contains("at Fail in cell 1, line 3"));
        Assert.Contains(error.Traceback, l => l.Contains("cell 2, line 1"));
    }

    [Fact]
    public async Task Compilation_error_reports_cell_relative_line()
    {
        var cell = await _session.ExecuteAsync("#!csharp\nvar ok = 1;\nvar bad = missing + 1;", new CellExecutionOptions { CellName = "cell 4" });
        Assert.Equal(CellStatus.Error, cell.Status);
        var error = Assert.IsType<ErrorOutput>(Assert.Single(cell.Outputs));
        Assert.Equal("CompilationError", error.EName);
        Assert.StartsWith("cell 4 (3,11): error CS0103", error.EValue);
    }

    [Theory]
    [InlineData("#!fsharp\nlet x = 1", "fsharp")]
    [InlineData("#!pwsh\nGet-Date", "pwsh")]
    [InlineData("\n#!javascript\nconsole.log(1)", "javascript")]
    public async Task Other_kernel_cells_give_an_error(string code, string kernel)
    {
        var cell = await _session.ExecuteAsync(code);
        Assert.Equal(CellStatus.Error, cell.Status);
        var error = Assert.IsType<ErrorOutput>(Assert.Single(cell.Outputs));
        Assert.Contains($"'{kernel}' kernel", error.EValue);
    }

    [Fact]
    public async Task Nuget_reference_resolves_carried_package_and_refuses_others()
    {
        var ok = await _session.ExecuteAsync("#r \"nuget: MathNet.Numerics, 5.0.0\"\nMathNet.Numerics.SpecialFunctions.Gamma(5.0)");
        Assert.True(ok.Succeeded, Describe(ok));
        Assert.Equal(24.0, (double)ok.ReturnValue!, 9);
        var missing = await _session.ExecuteAsync("#r \"nuget: Plotly.NET, 4.0.0\"\n1");
        Assert.Equal(CellStatus.Error, missing.Status);
        Assert.Contains("'Plotly.NET'", Assert.IsType<ErrorOutput>(Assert.Single(missing.Outputs)).EValue);
    }

    [Fact]
    public async Task Load_and_reference_paths_are_relative_to_notebook_directory()
    {
        var dir = Directory.CreateTempSubdirectory("lwb-load-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "helpers.csx"), "int Triple(int v) => 3 * v;\n");
            File.WriteAllText(Path.Combine(dir, "data.txt"), "hello");
            using var session = new ScriptSession(new ScriptSessionOptions { NotebookDirectory = dir });
            var cell = await session.ExecuteAsync("#load \"helpers.csx\"\nTriple(File.ReadAllText(\"data.txt\").Length) + NotebookDirectory.Length");
            Assert.True(cell.Succeeded, Describe(cell));
            Assert.Equal(15 + dir.Length, cell.ReturnValue);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task Timeout_abandons_cell_and_session_continues()
    {
        await _session.ExecuteAsync("var before = 5;");
        var cell = await _session.ExecuteAsync("Console.WriteLine(\"started\"); while (!CellCancellation.IsCancellationRequested) System.Threading.Thread.Sleep(10); Thread.Sleep(200); Console.WriteLine(\"late\");",
            // The timeout covers compilation too, which takes seconds on a loaded 2-core CI machine.
            new CellExecutionOptions { Timeout = TimeSpan.FromSeconds(5) });
        Assert.Equal(CellStatus.TimedOut, cell.Status);
        // The cell's own loop notices the cancellation and finishes within the grace period, so its last words are kept.
        Assert.Equal(new StreamOutput("stdout", "started\nlate\n"), cell.Outputs[0]);
        Assert.Equal("cell timed out after 5 s; its work stopped", Assert.IsType<ErrorOutput>(cell.Outputs[1]).EValue);
        var next = await _session.ExecuteAsync("before + 1");
        Assert.Equal(6, next.ReturnValue);
    }

    [Fact]
    public async Task Completion_sees_earlier_cells()
    {
        await _session.ExecuteAsync("var trainingLoss = 0.5; var trainingSteps = 3;");
        var items = await _session.CompleteAsync("var y = train", 13);
        Assert.Contains(items, i => i.DisplayText == "trainingLoss");
        Assert.Contains(items, i => i.DisplayText == "trainingSteps");
        Assert.All(items, i => Assert.Equal(8, i.ReplaceStart));
        var members = await _session.CompleteAsync("\"abc\".ToUpp", 11);
        Assert.Contains(members, i => i.DisplayText == "ToUpper");
        var math = await _session.CompleteAsync("Math.", 5);
        Assert.Contains(math, i => i.DisplayText == "Sqrt");
        Assert.DoesNotContain(math, i => i.DisplayText == "trainingLoss");
    }

    [Fact]
    public async Task Namespaces_missing_at_runtime_are_skipped()
    {
        var options = new ScriptSessionOptions { NotebookDirectory = Path.GetTempPath() };
        options.Namespaces.Add("LatentWorkbench.NotBuiltYet");
        using var session = new ScriptSession(options);
        Assert.DoesNotContain("LatentWorkbench.NotBuiltYet", session.Imports);
        Assert.Contains("System.Linq", session.Imports);
        Assert.Contains("LatentWorkbench.Display", session.Imports);
        var cell = await session.ExecuteAsync("new[] { 3, 1, 2 }.OrderBy(v => v).First()");
        Assert.Equal(1, cell.ReturnValue);
    }

    [Theory]
    [InlineData("var x = 1;", CodeCompleteness.Complete)]
    [InlineData("1 + 2", CodeCompleteness.Complete)]
    [InlineData("for (int i = 0; i < 3; i++) {", CodeCompleteness.Incomplete)]
    [InlineData("var s = \"abc", CodeCompleteness.Incomplete)]
    [InlineData("var x = ;", CodeCompleteness.Invalid)]
    public void IsComplete_classifies(string code, CodeCompleteness expected) => Assert.Equal(expected, ScriptSession.IsComplete(code));

    internal static string Describe(CellExecutionResult result) =>
        string.Join("\n", result.Outputs.Select(o => o switch
        {
            ErrorOutput e => $"{e.EName}: {e.EValue}\n{string.Join("\n", e.Traceback)}",
            StreamOutput s => $"[{s.Name}] {s.Text}",
            _ => o.OutputType,
        }));
}

/// <summary>Stands in for a workbench figure: renders to Plotly JSON, HTML and text.</summary>
public sealed class FakeFigure(string name) : IMimeRenderable
{
    public IReadOnlyDictionary<string, object> ToMimeBundle() => new Dictionary<string, object>
    {
        ["application/vnd.plotly.v1+json"] = $$$"""{"data":[{"name":"{{{name}}}","type":"scatter","x":[1,2],"y":[3,4]}],"layout":{}}""",
        ["text/html"] = $"<div>{name}</div>",
        ["text/plain"] = $"figure {name}",
    };
}
