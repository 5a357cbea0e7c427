using LatentWorkbench.Engine.Kernels;
using LatentWorkbench.Notebooks.Documents;
using LatentWorkbench.Notebooks.Scripting;

namespace LatentWorkbench.Notebooks.Tests;

/// <summary>Work a cell starts and never checks for cancellation itself; counts so a test can see whether it stopped.</summary>
public static class BusyWork
{
    private static long _steps;

    /// <summary>Steps taken so far.</summary>
    public static long Steps => Interlocked.Read(ref _steps);

    /// <summary>Counts in a plain loop that the test assembly does not instrument: only the engine's checks can stop it.</summary>
    public static void MultiplyForever()
    {
        var a = new float[16 * 16];
        var c = new float[16 * 16];
        while (true)
        {
            Gemm.Sgemm(false, false, 16, 16, 16, 1f, a, 16, a, 16, 0f, c, 16);
            Interlocked.Increment(ref _steps);
        }
    }
}

/// <summary>Interrupts that stop the work, display handles, progress in place, and cell magics.</summary>
public sealed class LiveCellTests : IDisposable
{
    private readonly ScriptSession _session = new(new ScriptSessionOptions
    {
        NotebookDirectory = Path.GetTempPath(),
        AdditionalReferences = { typeof(BusyWork).Assembly },
    });

    public void Dispose() => _session.Dispose();

    private static async Task<long> StepsAfterSettling(Func<long> read)
    {
        var before = read();
        await Task.Delay(300);
        return read() - before;
    }

    [Fact]
    public async Task Interrupting_a_busy_loop_stops_it_and_says_so()
    {
        using var interrupt = new CancellationTokenSource();
        var cell = _session.ExecuteAsync("LatentWorkbench.Notebooks.Tests.Spin.Count = 0; while (true) { LatentWorkbench.Notebooks.Tests.Spin.Count++; }", cancellationToken: interrupt.Token);
        while (Spin.Count == 0) await Task.Delay(20);
        interrupt.Cancel();
        var result = await cell;

        Assert.Equal(CellStatus.Cancelled, result.Status);
        var error = Assert.IsType<ErrorOutput>(Assert.Single(result.Outputs));
        Assert.Contains("its work stopped", error.EValue);
        Assert.Equal(0, await StepsAfterSettling(() => Spin.Count));
        Assert.Equal(3, (await _session.ExecuteAsync("1 + 2")).ReturnValue);
    }

    [Fact]
    public async Task Interrupting_library_work_stops_it_between_engine_operations()
    {
        using var interrupt = new CancellationTokenSource();
        var cell = _session.ExecuteAsync("LatentWorkbench.Notebooks.Tests.BusyWork.MultiplyForever();", cancellationToken: interrupt.Token);
        var start = BusyWork.Steps;
        while (BusyWork.Steps == start) await Task.Delay(20);
        interrupt.Cancel();
        var result = await cell;

        Assert.Equal(CellStatus.Cancelled, result.Status);
        Assert.Contains("its work stopped", Assert.IsType<ErrorOutput>(Assert.Single(result.Outputs)).EValue);
        Assert.Equal(0, await StepsAfterSettling(() => BusyWork.Steps));
    }

    [Fact]
    public async Task Loop_instrumentation_keeps_line_numbers()
    {
        var cell = await _session.ExecuteAsync("var n = 0;\nfor (int i = 0; i < 3; i++)\n    n += i;\nforeach (var x in new[] { 1 }) { if (x == 1) throw new InvalidOperationException(\"in loop\"); }",
            new CellExecutionOptions { CellName = "cell 3" });
        var error = Assert.IsType<ErrorOutput>(Assert.Single(cell.Outputs));
        Assert.Contains("   in cell 3, line 4", error.Traceback);
        var sum = await _session.ExecuteAsync("var total = 0; for (int i = 1; i <= 4; i++) total += i; do total++; while (total < 12); total");
        Assert.Equal(12, sum.ReturnValue);
    }

    [Fact]
    public async Task Display_handle_replaces_its_output_and_is_not_shown_itself()
    {
        var cell = await _session.ExecuteAsync("var h = display(\"first\");\nh.Update(\"second\");\nh");
        var shown = Assert.IsType<DisplayDataOutput>(Assert.Single(cell.Outputs));
        Assert.Equal("second", shown.Data.GetText(MimeBundle.PlainText));
        Assert.NotNull(shown.DisplayId);
    }

    [Fact]
    public async Task Progress_bar_in_a_cell_is_one_output_updated_in_place()
    {
        var cell = await _session.ExecuteAsync("""
            using (var bar = new LatentWorkbench.Progress.ProgressBar("work", 50, "items"))
                for (int i = 0; i < 50; i++) { bar.Advance(1); Thread.Sleep(10); }
            """);
        Assert.True(cell.Succeeded, ScriptSessionTests.Describe(cell));
        var shown = Assert.IsType<DisplayDataOutput>(Assert.Single(cell.Outputs));
        Assert.Contains("50/50", shown.Data.GetText(MimeBundle.PlainText));
        Assert.Contains("<progress", shown.Data.GetText("text/html"));
    }

    [Fact]
    public async Task Time_magic_prints_the_wall_time()
    {
        var cell = await _session.ExecuteAsync("#!time\nThread.Sleep(50);");
        var text = Assert.IsType<StreamOutput>(Assert.Single(cell.Outputs)).Text;
        Assert.Matches(@"^Wall time: \d+\.\d ms\n$", text);
        Assert.True(double.Parse(text[11..^4], System.Globalization.CultureInfo.InvariantCulture) >= 50);
    }

    [Fact]
    public async Task A_flood_of_text_is_truncated_with_a_note_and_the_session_stays_usable()
    {
        var cell = await _session.ExecuteAsync("var line = new string('x', 999) + \"\\n\"; for (int i = 0; i < 11_000; i++) Console.Write(line);");
        Assert.True(cell.Succeeded, ScriptSessionTests.Describe(cell));
        var text = Assert.IsType<StreamOutput>(Assert.Single(cell.Outputs)).Text;
        Assert.StartsWith(new string('x', 999) + "\n", text);
        Assert.True(text.Contains("[output truncated: this cell wrote more than 10,000,000 characters", StringComparison.Ordinal), $"{text.Length} chars, {text.Count(c => c == (char)10)} lines: " + text[^120..]);
        Assert.True(text.Length < 10_000_200, $"kept {text.Length} characters");
        Assert.Equal(2, (await _session.ExecuteAsync("1 + 1")).ReturnValue);
    }
}

/// <summary>A counter a cell increments in its own loop.</summary>
public static class Spin
{
    /// <summary>Incremented by the cell under test.</summary>
    public static long Count;
}

/// <summary>Shift+Tab: the symbol at the cursor, its signature and documentation.</summary>
public sealed class InspectionTests : IDisposable
{
    private readonly ScriptSession _session = new(new ScriptSessionOptions { NotebookDirectory = Path.GetTempPath() });

    public void Dispose() => _session.Dispose();

    [Fact]
    public async Task Framework_method_shows_signature_and_summary()
    {
        var code = "Math.Abs(-3)";
        var found = await _session.InspectAsync(code, code.IndexOf("Abs", StringComparison.Ordinal) + 3);
        Assert.NotNull(found);
        Assert.Contains("Math.Abs(", found.Signature);
        Assert.Contains("absolute value", found.Summary);
    }

    [Fact]
    public async Task Workbench_type_and_earlier_cell_symbols_are_found()
    {
        var found = await _session.InspectAsync("new LatentWorkbench.Progress.ProgressBar", "new LatentWorkbench.Progress.ProgressBar".Length);
        Assert.NotNull(found);
        Assert.Contains("ProgressBar", found.Signature);
        Assert.Contains("progress display for long work", found.Summary);

        await _session.ExecuteAsync("/// <summary>Doubles it.</summary>\nint Twice(int value) => 2 * value;");
        var local = await _session.InspectAsync("Twice(4)", 2);
        Assert.NotNull(local);
        Assert.Contains("int Twice(int value)", local.Signature);
        Assert.Null(await _session.InspectAsync("   ", 1));
    }

    [Theory]
    [InlineData("<member name=\"M:X.F\"><summary>Uses <see cref=\"T:System.Math\"/> and <paramref name=\"v\"/>\n   twice.</summary></member>", "Uses Math and v twice.")]
    [InlineData("<member name=\"M:X.F\"><remarks>none</remarks></member>", null)]
    public void Summary_text_from_xml(string xml, string? expected) => Assert.Equal(expected, CodeInspection.Summary(xml));
}

/// <summary>Executed cells say which build, seeds, data and parameters made their numbers.</summary>
public sealed class ProvenanceTests
{
    [Fact]
    public async Task Runner_records_seeds_version_and_parameters_per_cell()
    {
        using var temp = TestFiles.TempFolder();
        var data = Path.Combine(temp.Path, "data");
        var path = NotebookBuilder.Write(temp.File("prov.ipynb"), "var Seed = 1UL;",
            "var g = new LatentWorkbench.Engine.Generator(Seed); var h = new LatentWorkbench.Engine.Generator(Seed + 41);",
            "1 + 1");

        var result = await LatentWorkbench.Notebooks.Running.NotebookRunner.RunAsync(path, new LatentWorkbench.Notebooks.Running.NotebookRunOptions
        {
            OutputDirectory = temp.File("out"), Parameters = [new("Seed", "7")],
        });

        Assert.True(result.Succeeded, result.ErrorMessage);
        var cells = NotebookFile.Read(result.OutputPath).CodeCells.ToArray();
        var seeded = cells.First(c => c.Source.Contains("Generator")).Metadata["lwb"]!;
        Assert.Equal([7UL, 48UL], seeded["seeds"]!.AsArray().Select(n => n!.GetValue<ulong>()));
        Assert.Equal("7", seeded["parameters"]!["Seed"]!.GetValue<string>());
        Assert.Equal(LatentWorkbench.Notebooks.Running.CellProvenance.Version, seeded["workbench"]!.GetValue<string>());
        Assert.Matches("^[0-9.]+$", seeded["workbench"]!.GetValue<string>());
        var plain = cells.Last().Metadata["lwb"]!;
        Assert.Empty(plain["seeds"]!.AsArray());
        Assert.Empty(plain["data_sha256"]!.AsObject());
    }
}
