using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using LatentWorkbench.Notebooks.Documents;
using LatentWorkbench.Notebooks.Scripting;
using LatentWorkbench.Engine.Serialization;

namespace LatentWorkbench.Notebooks.Running;

/// <summary>
/// Runs notebooks headlessly, papermill style: parameters injected, code cells executed in order in one
/// <see cref="ScriptSession"/>, the first failing cell stops the notebook (later cells are marked not executed),
/// and the executed notebook is rewritten atomically after every cell so a crash keeps the outputs so far.
/// </summary>
public static class NotebookRunner
{
    /// <summary>Files as given, and for folders every <c>*.ipynb</c> in them (not recursive), sorted by name.</summary>
    public static IReadOnlyList<string> ExpandInputs(IEnumerable<string> inputs)
    {
        var files = new List<string>();
        foreach (var input in inputs)
        {
            if (Directory.Exists(input))
                files.AddRange(Directory.GetFiles(input, "*.ipynb").OrderBy(f => Path.GetFileName(f), StringComparer.Ordinal));
            else if (File.Exists(input))
                files.Add(input);
            else
                throw new FileNotFoundException($"Notebook or folder '{input}' does not exist.", input);
        }
        return files;
    }

    /// <summary>Runs every notebook in <paramref name="inputs"/>; a notebook that cannot be read counts as failed.</summary>
    public static async Task<IReadOnlyList<NotebookRunResult>> RunAllAsync(IEnumerable<string> inputs, NotebookRunOptions options, CancellationToken cancellationToken = default)
    {
        var files = ExpandInputs(inputs);
        var results = new List<NotebookRunResult>();
        for (int i = 0; i < files.Count; i++)
        {
            NotebookRunResult result;
            try
            {
                result = await RunAsync(files[i], options, i + 1, files.Count, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is NotebookFormatException or ArgumentException or IOException or UnauthorizedAccessException)
            {
                result = new NotebookRunResult { InputPath = files[i], OutputPath = "", Succeeded = false, ErrorMessage = e.Message };
                options.Progress?.NotebookFinished(result);
            }
            results.Add(result);
            if (cancellationToken.IsCancellationRequested || (!result.Succeeded && options.StopOnError)) break;
        }
        return results;
    }

    /// <summary>Runs one notebook and writes the executed .ipynb (and HTML report) into the output folder.</summary>
    public static Task<NotebookRunResult> RunAsync(string path, NotebookRunOptions options, CancellationToken cancellationToken = default) =>
        RunAsync(path, options, 1, 1, cancellationToken);

    private static async Task<NotebookRunResult> RunAsync(string path, NotebookRunOptions options, int index, int count, CancellationToken cancellationToken)
    {
        var input = Path.GetFullPath(path);
        var doc = NotebookFile.Read(input);
        var name = Path.GetFileNameWithoutExtension(input);
        var outputDirectory = Path.GetFullPath(options.OutputDirectory);
        var outputPath = Path.Combine(outputDirectory, name + ".ipynb");
        var htmlDirectory = Path.GetFullPath(options.HtmlDirectory ?? options.OutputDirectory);
        var htmlPath = options.WriteHtml ? Path.Combine(htmlDirectory, name + ".html") : null;
        var notebookDirectory = Path.GetDirectoryName(input)!;

        NotebookParameters.Inject(doc, options.Parameters, options.Quick, Path.GetFileName(input));
        var injected = NotebookParameters.Effective(options.Parameters, options.Quick);
        var codeCells = doc.Cells.Where(c => c.Kind == CellKind.Code).ToList();
        foreach (var cell in codeCells)
        {
            cell.ClearOutputs();
            cell.Metadata.Remove("execution");
            cell.Metadata.Remove(CellProvenance.Key);
            cell.Metadata["papermill"] = Pending();
        }
        var started = DateTimeOffset.UtcNow;
        var run = RunMetadata(doc);
        run["input"] = Path.GetFileName(input);
        run["quick"] = options.Quick;
        run["start_time"] = Timestamp(started);
        run["status"] = "running";
        IpynbFormat.Write(doc, outputPath);

        options.Progress?.NotebookStarted(path, index, count, codeCells.Count);
        var foreign = ForeignKernel(doc, Path.GetFileName(input));
        var clock = Stopwatch.StartNew();
        var durations = new List<TimeSpan>();
        int? failedCell = null;
        string? error = null;

        using (var session = new ScriptSession(new ScriptSessionOptions { NotebookDirectory = notebookDirectory, DefaultCellTimeout = options.CellTimeout }))
        {
            // A display handle may update an output of an earlier cell; the saved notebook keeps its final state.
            var updates = new System.Collections.Concurrent.ConcurrentQueue<UpdateDisplayDataOutput>();
            session.OutputProduced += (_, e) =>
            {
                if (e.Output is UpdateDisplayDataOutput update) updates.Enqueue(update);
            };
            for (int c = 0; c < codeCells.Count; c++)
            {
                var cell = codeCells[c];
                int cellNumber = doc.Cells.IndexOf(cell) + 1;
                options.Progress?.CellStarted(c + 1, codeCells.Count, cellNumber);
                var cellStart = DateTimeOffset.UtcNow;
                var result = foreign is not null
                    ? new CellExecutionResult(0, CellStatus.Error, [new ErrorOutput("UnsupportedKernel", foreign, [$"cell {cellNumber}: {foreign}"])], TimeSpan.Zero, null)
                    : await session.ExecuteAsync(CodeFor(cell), new CellExecutionOptions
                    {
                        CellName = $"cell {cellNumber}",
                        NoInputReason = "notebooks run headless here (lwb notebook run): nobody can answer Console.ReadLine; pass the value as a parameter (--param name=value).",
                    }, cancellationToken).ConfigureAwait(false);
                var cellEnd = DateTimeOffset.UtcNow;

                cell.Outputs.AddRange(result.Outputs.Select(o => WithoutMachinePaths(o, notebookDirectory)));
                while (updates.TryDequeue(out var update)) ApplyUpdate(codeCells.Take(c), update);
                cell.ExecutionCount = foreign is null ? result.ExecutionCount : null;
                RecordTiming(cell, cellStart, cellEnd, result);
                cell.Metadata[CellProvenance.Key] = CellProvenance.ToJson(result.Provenance, injected);
                durations.Add(result.Duration);
                options.Progress?.CellFinished(c + 1, codeCells.Count, cellNumber, result.Status, result.Duration, clock.Elapsed);

                if (!result.Succeeded && failedCell is null)
                {
                    failedCell = cellNumber;
                    error = result.Error is { } e ? $"{e.EName}: {e.EValue}" : result.Status.ToString();
                }
                IpynbFormat.Write(doc, outputPath);
                // A notebook for another kernel: every cell says so (nothing ran); otherwise the first failure stops the run.
                if (failedCell is not null && foreign is null) break;
            }
        }

        var finished = DateTimeOffset.UtcNow;
        run["end_time"] = Timestamp(finished);
        run["duration"] = Math.Round((finished - started).TotalSeconds, 6);
        run["status"] = failedCell is null ? "completed" : "failed";
        run["failed_cell"] = failedCell;
        IpynbFormat.Write(doc, outputPath);

        var succeeded = failedCell is null;
        if (htmlPath is not null)
        {
            var summary = succeeded
                ? $"Ran {durations.Count} code cells in {clock.Elapsed.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture)} s."
                : $"Failed at cell {failedCell} ({error}); {codeCells.Count - durations.Count} later code cells not executed.";
            var plotly = HtmlReport.HasPlotly(doc) ? PlotlyElement(options, htmlDirectory, notebookDirectory) : "";
            Directory.CreateDirectory(htmlDirectory);
            AtomicFile.WriteAllText(htmlPath, HtmlReport.Render(doc, name, summary, plotly));
        }

        var outcome = new NotebookRunResult
        {
            InputPath = path,
            OutputPath = outputPath,
            HtmlPath = htmlPath,
            Succeeded = succeeded,
            FailedCellNumber = failedCell,
            ErrorMessage = error,
            ExecutedCells = durations.Count,
            CodeCells = codeCells.Count,
            CellDurations = durations,
            Duration = clock.Elapsed,
        };
        options.Progress?.NotebookFinished(outcome);
        return outcome;
    }

    private static string PlotlyElement(NotebookRunOptions options, string htmlDirectory, string notebookDirectory)
    {
        var bundle = PlotlyScript.Find(notebookDirectory, Directory.GetCurrentDirectory(), AppContext.BaseDirectory);
        if (options.SharedPlotlyFile is not { } shared || bundle is null) return PlotlyScript.ScriptElement(bundle);
        var target = Path.Combine(htmlDirectory, shared);
        if (!File.Exists(target) || new FileInfo(target).Length != new FileInfo(bundle).Length)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            AtomicFile.WriteAllText(target, File.ReadAllText(bundle));
        }
        return $"<script src=\"{System.Net.WebUtility.HtmlEncode(shared.Replace('\\', '/'))}\" charset=\"utf-8\"></script>";
    }

    /// <summary>Why the notebook is not for this kernel (its kernelspec names another language), or null when it is C#.</summary>
    private static string? ForeignKernel(NotebookDocument doc, string file)
    {
        if (doc.Metadata["kernelspec"] is not System.Text.Json.Nodes.JsonObject spec) return null;
        var language = spec["language"]?.ToString() ?? "";
        var name = spec["name"]?.ToString() ?? "";
        if (language.Length == 0 || DibFormat.Canonical(language) == "csharp" || language.Equals("csharp", StringComparison.OrdinalIgnoreCase)) return null;
        return $"{file} is a '{language}' notebook (metadata.kernelspec.name '{name}'); the workbench runs C# notebooks. " +
               "Open it with its own kernel, or set its kernelspec to '.net-csharp' if its cells are C#.";
    }

    /// <summary>Replaces the display the update names in the given (earlier) cells.</summary>
    private static void ApplyUpdate(IEnumerable<NotebookCell> cells, UpdateDisplayDataOutput update)
    {
        foreach (var cell in cells)
        {
            for (int i = 0; i < cell.Outputs.Count; i++)
            {
                if (cell.Outputs[i] is DisplayDataOutput { DisplayId: { } id } && id == update.DisplayId) cell.Outputs[i] = update.ToDisplay();
            }
        }
    }

    /// <summary>papermill's record for a cell not (yet) executed.</summary>
    private static JsonObject Pending() => new()
    {
        ["duration"] = null,
        ["end_time"] = null,
        ["exception"] = null,
        ["start_time"] = null,
        ["status"] = "pending",
    };

    /// <summary>
    /// Timing in two standard places: Jupyter's <c>metadata.execution</c> (ISO strings, as JupyterLab records them)
    /// and papermill's <c>metadata.papermill</c> (start, end, duration in seconds, status), so either tool can read it.
    /// </summary>
    private static void RecordTiming(NotebookCell cell, DateTimeOffset start, DateTimeOffset end, CellExecutionResult result)
    {
        cell.Metadata["execution"] = new JsonObject
        {
            ["iopub.execute_input"] = Timestamp(start),
            ["iopub.status.busy"] = Timestamp(start),
            ["iopub.status.idle"] = Timestamp(end),
            ["shell.execute_reply"] = Timestamp(end),
        };
        cell.Metadata["papermill"] = new JsonObject
        {
            ["duration"] = Math.Round(result.Duration.TotalSeconds, 6),
            ["end_time"] = Timestamp(end),
            ["exception"] = !result.Succeeded,
            ["start_time"] = Timestamp(start),
            ["status"] = result.Status switch
            {
                CellStatus.Ok => "completed",
                CellStatus.TimedOut => "timed_out",
                CellStatus.Cancelled => "cancelled",
                _ => "failed",
            },
        };
    }

    /// <summary>The code to execute: a cell marked for another Polyglot kernel gets its <c>#!kernel</c> line back so the session refuses it.</summary>
    private static string CodeFor(NotebookCell cell)
    {
        var kernel = cell.KernelName is { } k ? DibFormat.Canonical(k) : "csharp";
        return kernel == "csharp" || cell.Source.TrimStart().StartsWith("#!", StringComparison.Ordinal) ? cell.Source : $"#!{kernel}\n{cell.Source}";
    }

    private static JsonObject RunMetadata(NotebookDocument doc)
    {
        if (doc.Metadata["lwb"] is JsonObject existing) return existing;
        var created = new JsonObject();
        doc.Metadata["lwb"] = created;
        return created;
    }

    /// <summary>ISO 8601 UTC with microseconds, like papermill's timestamps.</summary>
    private static string Timestamp(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    /// <summary>Error text often quotes full paths; the notebook's folder is written as "." so outputs do not depend on the machine.</summary>
    private static NotebookOutput WithoutMachinePaths(NotebookOutput output, string directory)
    {
        if (output is not ErrorOutput error) return output;
        var root = directory.TrimEnd(Path.DirectorySeparatorChar);
        string Clean(string s) => s.Replace(root + Path.DirectorySeparatorChar, "", StringComparison.Ordinal).Replace(root, ".", StringComparison.Ordinal);
        return new ErrorOutput(error.EName, Clean(error.EValue), error.Traceback.Select(Clean).ToArray());
    }
}
