using System.Text.Json.Nodes;
using LatentWorkbench.Notebooks.Documents;
using LatentWorkbench.Notebooks.Running;

namespace LatentWorkbench.Notebooks.Tests;

public sealed class RunnerTests
{
    private static NotebookRunOptions Options(TempFolder temp, bool quick = false, IReadOnlyList<KeyValuePair<string, string>>? parameters = null, TimeSpan? timeout = null) => new()
    {
        OutputDirectory = temp.File("out"),
        Quick = quick,
        Parameters = parameters ?? [],
        CellTimeout = timeout,
    };

    [Fact]
    public async Task Notebook_for_another_kernel_gets_a_clear_error_in_every_cell()
    {
        using var temp = TestFiles.TempFolder();
        var path = NotebookBuilder.Write(temp.File("py.ipynb"), null, "import numpy as np", "print(np.pi)");
        var doc = NotebookFile.Read(path);
        doc.Metadata["kernelspec"] = new JsonObject { ["name"] = "python3", ["language"] = "python", ["display_name"] = "Python 3" };
        NotebookFile.Write(doc, path);

        var result = await NotebookRunner.RunAsync(path, Options(temp));

        Assert.False(result.Succeeded);
        var cells = NotebookFile.Read(result.OutputPath).CodeCells.ToArray();
        Assert.Equal(2, cells.Length);
        foreach (var cell in cells)
        {
            var error = Assert.IsType<ErrorOutput>(Assert.Single(cell.Outputs));
            Assert.Equal("UnsupportedKernel", error.EName);
            Assert.Contains("py.ipynb is a 'python' notebook (metadata.kernelspec.name 'python3')", error.EValue);
            Assert.Null(cell.ExecutionCount);
        }
    }

    [Fact]
    public async Task Twenty_epochs_of_training_leave_one_line_per_epoch()
    {
        using var temp = TestFiles.TempFolder();
        var path = NotebookBuilder.Write(temp.File("train.ipynb"), null, """
            var g = new Generator(3);
            var model = new Sequential(new Linear(4, 16, generator: g), new ReLU(), new Linear(16, 3, generator: g));
            var trainer = new Trainer(model, new Adam(model.Parameters(), lr: 1e-2), (x, y) => F.CrossEntropy(model.Forward(x), y));
            trainer.Fit(new DataLoader(YinYang.Train(), 64, shuffle: true, seed: 1), new DataLoader(YinYang.Test(), 256, shuffle: false),
                new TrainingOptions { Epochs = 20 });
            """);

        var result = await NotebookRunner.RunAsync(path, Options(temp));

        Assert.True(result.Succeeded, result.ErrorMessage);
        var outputs = NotebookFile.Read(result.OutputPath).CodeCells.Single().Outputs;
        Assert.Equal(20, outputs.Count);
        for (int epoch = 1; epoch <= 20; epoch++)
        {
            var line = Assert.IsType<DisplayDataOutput>(outputs[epoch - 1]).Data.GetText(MimeBundle.PlainText)!;
            Assert.StartsWith($"epoch {epoch}/20 [############################] 100.0%", line);
            Assert.Contains($"epoch {epoch}: train loss", line); // the bar ends as the epoch's summary
            Assert.DoesNotContain("\n", line);
        }
    }

    [Fact]
    public async Task Saved_notebook_keeps_each_display_in_its_final_state()
    {
        using var temp = TestFiles.TempFolder();
        var path = NotebookBuilder.Write(temp.File("live.ipynb"), null,
            "var shown = display(\"k = 2\");",
            "Console.Write(\"10%\\r50%\\r100%\\n\"); shown.Update(\"k = 16\");");

        var result = await NotebookRunner.RunAsync(path, Options(temp));

        Assert.True(result.Succeeded, result.ErrorMessage);
        var doc = NotebookFile.Read(result.OutputPath);
        var code = doc.CodeCells.ToArray();
        Assert.Equal("k = 16", Assert.IsType<DisplayDataOutput>(Assert.Single(code[0].Outputs)).Data.GetText(MimeBundle.PlainText));
        Assert.Equal(new StreamOutput("stdout", "100%\n"), Assert.Single(code[1].Outputs));
    }

    [Fact]
    public async Task Runs_cells_in_notebook_folder_with_parameters_and_quick()
    {
        using var temp = TestFiles.TempFolder();
        File.WriteAllText(temp.File("input.txt"), "from the notebook folder");
        var path = NotebookBuilder.Write(temp.File("params.ipynb"), "var Quick = false;\nvar epochs = 10;\nvar label = \"base\";",
            "Console.WriteLine($\"{(Quick ? \"quick\" : \"full\")} {epochs} {label}\");",
            "File.ReadAllText(\"input.txt\")",
            "Path.GetFileName(NotebookDirectory)");

        var result = await NotebookRunner.RunAsync(path, Options(temp, quick: true, parameters: [new("epochs", "2"), new("label", "x y")]));

        Assert.True(result.Succeeded, result.ErrorMessage);
        Assert.Equal(5, result.CodeCells);
        Assert.Equal(5, result.ExecutedCells);
        var doc = NotebookFile.Read(result.OutputPath);
        Assert.True(doc.Cells[2].HasTag("injected-parameters"));
        Assert.Equal(new StreamOutput("stdout", "quick 2 x y\n"), Assert.Single(doc.Cells[3].Outputs));
        Assert.Equal("from the notebook folder", Assert.IsType<ExecuteResultOutput>(Assert.Single(doc.Cells[4].Outputs)).Data.GetText(MimeBundle.PlainText));
        Assert.Equal(Path.GetFileName(temp.Path), Assert.IsType<ExecuteResultOutput>(Assert.Single(doc.Cells[5].Outputs)).Data.GetText(MimeBundle.PlainText));
        Assert.Equal([1, 2, 3, 4, 5], doc.CodeCells.Select(c => c.ExecutionCount ?? 0));
        Assert.True(File.Exists(result.HtmlPath));
    }

    [Fact]
    public async Task Cells_record_timing_metadata()
    {
        using var temp = TestFiles.TempFolder();
        var path = NotebookBuilder.Write(temp.File("timing.ipynb"), null, "var a = 1;", "System.Threading.Thread.Sleep(50);");
        var result = await NotebookRunner.RunAsync(path, Options(temp));
        var doc = NotebookFile.Read(result.OutputPath);
        foreach (var cell in doc.CodeCells)
        {
            var papermill = (JsonObject)cell.Metadata["papermill"]!;
            var start = DateTimeOffset.Parse(papermill["start_time"]!.GetValue<string>());
            var end = DateTimeOffset.Parse(papermill["end_time"]!.GetValue<string>());
            Assert.True(end >= start);
            Assert.Equal("completed", papermill["status"]!.GetValue<string>());
            Assert.InRange(papermill["duration"]!.GetValue<double>(), 0, (end - start).TotalSeconds + 0.001);
            Assert.Equal(papermill["start_time"]!.GetValue<string>(), cell.Metadata["execution"]!["iopub.execute_input"]!.GetValue<string>());
        }
        Assert.Equal("completed", doc.Metadata["lwb"]!["status"]!.GetValue<string>());
        Assert.Equal("timing.ipynb", doc.Metadata["lwb"]!["input"]!.GetValue<string>());
    }

    [Fact]
    public async Task Failing_cell_keeps_earlier_outputs_and_stops()
    {
        using var temp = TestFiles.TempFolder();
        var path = NotebookBuilder.Write(temp.File("fails.ipynb"), null,
            "Console.WriteLine(\"first\");",
            "var v = 2;\nthrow new InvalidOperationException($\"bad {v}\");",
            "Console.WriteLine(\"never\");");

        var result = await NotebookRunner.RunAsync(path, Options(temp));

        Assert.False(result.Succeeded);
        Assert.Equal(3, result.FailedCellNumber);
        Assert.Equal("System.InvalidOperationException: bad 2", result.ErrorMessage);
        Assert.Equal(2, result.ExecutedCells);
        var doc = NotebookFile.Read(result.OutputPath);
        Assert.Equal(new StreamOutput("stdout", "first\n"), Assert.Single(doc.Cells[1].Outputs));
        var error = Assert.IsType<ErrorOutput>(Assert.Single(doc.Cells[2].Outputs));
        Assert.Contains("   in cell 3, line 2", error.Traceback);
        Assert.Empty(doc.Cells[3].Outputs);
        Assert.Null(doc.Cells[3].ExecutionCount);
        Assert.Equal("failed", doc.Cells[2].Metadata["papermill"]!["status"]!.GetValue<string>());
        Assert.Equal("pending", doc.Cells[3].Metadata["papermill"]!["status"]!.GetValue<string>());
        Assert.Equal("failed", doc.Metadata["lwb"]!["status"]!.GetValue<string>());
        Assert.Equal(["fails.html", "fails.ipynb"], Directory.GetFiles(temp.File("out")).Select(Path.GetFileName).Order());
        var html = File.ReadAllText(result.HtmlPath!);
        Assert.Contains("bad 2", html);
        Assert.Contains("not executed", html);
    }

    [Fact]
    public async Task Timed_out_cell_is_abandoned_and_notebook_still_written()
    {
        using var temp = TestFiles.TempFolder();
        var path = NotebookBuilder.Write(temp.File("slow.ipynb"), null,
            "Console.WriteLine(\"before\");",
            "System.Threading.Thread.Sleep(120_000);",
            "Console.WriteLine(\"after\");");

        // Generous: the timeout also covers the first cell's Roslyn warm-up, seconds on a loaded CI machine.
        var result = await NotebookRunner.RunAsync(path, Options(temp, timeout: TimeSpan.FromSeconds(20)));

        Assert.False(result.Succeeded);
        Assert.Equal(3, result.FailedCellNumber);
        var doc = NotebookFile.Read(result.OutputPath);
        Assert.Equal(new StreamOutput("stdout", "before\n"), Assert.Single(doc.Cells[1].Outputs));
        // Thread.Sleep never checks for interrupts: the report says the work is still running rather than pretending it stopped.
        Assert.Equal("cell timed out after 20 s; its work did not stop within 2 s and is still running in the background (a blocking call that never checks for interrupts)",
            Assert.IsType<ErrorOutput>(Assert.Single(doc.Cells[2].Outputs)).EValue);
        Assert.Equal("timed_out", doc.Cells[2].Metadata["papermill"]!["status"]!.GetValue<string>());
        Assert.Empty(doc.Cells[3].Outputs);
    }

    [Fact]
    public async Task Dib_notebook_runs_and_other_kernel_cell_fails()
    {
        using var temp = TestFiles.TempFolder();
        File.Copy(TestFiles.Fixture("polyglot.dib"), temp.File("polyglot.dib"));
        var result = await NotebookRunner.RunAsync(temp.File("polyglot.dib"), Options(temp));
        Assert.False(result.Succeeded);
        Assert.Equal(3, result.FailedCellNumber);
        var doc = NotebookFile.Read(temp.File("out/polyglot.ipynb"));
        Assert.Equal("2", Assert.IsType<ExecuteResultOutput>(Assert.Single(doc.Cells[1].Outputs)).Data.GetText(MimeBundle.PlainText));
        Assert.Contains("'fsharp' kernel", Assert.IsType<ErrorOutput>(Assert.Single(doc.Cells[2].Outputs)).EValue);
    }

    [Fact]
    public async Task Folder_input_runs_every_ipynb_sorted_and_stop_on_error_skips_rest()
    {
        using var temp = TestFiles.TempFolder();
        var folder = Directory.CreateDirectory(temp.File("nbs")).FullName;
        NotebookBuilder.Write(Path.Combine(folder, "b.ipynb"), null, "throw new Exception(\"b fails\");");
        NotebookBuilder.Write(Path.Combine(folder, "a.ipynb"), null, "1");
        NotebookBuilder.Write(Path.Combine(folder, "c.ipynb"), null, "3");
        File.WriteAllText(Path.Combine(folder, "notes.txt"), "not a notebook");

        var all = await NotebookRunner.RunAllAsync([folder], Options(temp));
        Assert.Equal(["a.ipynb", "b.ipynb", "c.ipynb"], all.Select(r => Path.GetFileName(r.InputPath)));
        Assert.Equal([true, false, true], all.Select(r => r.Succeeded));

        var stopped = await NotebookRunner.RunAllAsync([folder], new NotebookRunOptions { OutputDirectory = temp.File("out2"), StopOnError = true });
        Assert.Equal(["a.ipynb", "b.ipynb"], stopped.Select(r => Path.GetFileName(r.InputPath)));
    }

    [Fact]
    public async Task Html_report_renders_markdown_outputs_and_inlines_plotly()
    {
        using var temp = TestFiles.TempFolder();
        var fakePlotly = temp.File("plotly.min.js");
        File.WriteAllText(fakePlotly, "window.Plotly={newPlot:function(){}}; /* </script> */");
        var path = NotebookBuilder.Write(temp.File("report.ipynb"), null,
            "display(\"<i>html</i>\", \"text/html\");\nConsole.Error.WriteLine(\"careful <b>\");",
            """display("{\"data\":[{\"type\":\"scatter\",\"x\":[1,2],\"y\":[3,4]}],\"layout\":{\"title\":{\"text\":\"</script>\"}}}", "application/vnd.plotly.v1+json");""");
        var previous = Environment.GetEnvironmentVariable(LatentWorkbench.Figures.PlotlyJs.EnvironmentVariable);
        Environment.SetEnvironmentVariable(LatentWorkbench.Figures.PlotlyJs.EnvironmentVariable, fakePlotly);
        NotebookRunResult result;
        try
        {
            result = await NotebookRunner.RunAsync(path, Options(temp));
        }
        finally
        {
            Environment.SetEnvironmentVariable(LatentWorkbench.Figures.PlotlyJs.EnvironmentVariable, previous);
        }
        Assert.True(result.Succeeded, result.ErrorMessage);
        var html = File.ReadAllText(result.HtmlPath!);
        Assert.Contains("<h1>Test notebook</h1>", html);
        Assert.Contains("<p>Some <strong>bold</strong> prose.</p>", html);
        Assert.Contains("<i>html</i>", html);
        Assert.Contains("<pre class=\"output stderr\">careful &lt;b&gt;\n</pre>", html);
        Assert.Contains("window.Plotly={newPlot:function(){}}; /* <\\/script> */", html);
        // Once, in the head: the session's library output in the notebook is dropped from the report.
        Assert.Single(html.Split("window.Plotly={newPlot:function(){}}").Skip(1));
        Assert.Contains("data-lwb-plotlyjs", File.ReadAllText(result.OutputPath)); // ...but kept in the executed notebook
        Assert.Contains("Plotly.newPlot(\"plot-3-2\"", html); // output 1 of cell 3 is the session's plotly.js library
        Assert.Contains("\"type\":\"scatter\"", html);
        Assert.DoesNotContain("\"text\":\"</script>\"", html); // a figure's text must not close the script element
        Assert.DoesNotContain(LatentWorkbench.Figures.PlotlyJs.CdnUrl, html);
        Assert.DoesNotContain(temp.Path, html);
        Assert.DoesNotContain(temp.Path, File.ReadAllText(result.OutputPath));
    }

    [Fact]
    public void Without_local_plotly_the_report_references_the_cdn()
    {
        Assert.Equal($"<script src=\"{LatentWorkbench.Figures.PlotlyJs.CdnUrl}\" charset=\"utf-8\"></script>", PlotlyScript.ScriptElement(null));
    }

    [Fact]
    public void Missing_input_is_a_clear_error()
    {
        var e = Assert.Throws<FileNotFoundException>(() => NotebookRunner.ExpandInputs(["/nonexistent/x.ipynb"]));
        Assert.Contains("/nonexistent/x.ipynb", e.Message);
    }
}
