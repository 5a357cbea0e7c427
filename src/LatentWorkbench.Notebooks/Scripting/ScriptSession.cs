using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using LatentWorkbench.Display;
using LatentWorkbench.Engine;
using LatentWorkbench.Notebooks.Display;
using LatentWorkbench.Notebooks.Documents;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;

namespace LatentWorkbench.Notebooks.Scripting;

/// <summary>
/// A C# scripting session for one notebook: each executed cell sees the variables, types and usings of the cells
/// before it. Outputs (console text, <c>display(...)</c>, the trailing expression's value, errors) come back in the
/// result and are also raised through <see cref="OutputProduced"/> as they happen, so a kernel can stream them.
/// One cell runs at a time.
/// </summary>
public sealed class ScriptSession : IDisposable
{
    private readonly ScriptSessionOptions _settings;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ConcurrentDictionary<string, byte> _cellNames = new(StringComparer.Ordinal);
    /// <summary>How long an interrupted cell gets to unwind before it is reported as still running.</summary>
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(2);

    private ScriptOptions _options;
    private ScriptState<object>? _state;
    private int _executionCount;

    /// <summary>Creates a session; nothing is compiled until the first cell (or <see cref="WarmUpAsync"/>).</summary>
    public ScriptSession(ScriptSessionOptions? options = null)
    {
        _settings = options ?? new ScriptSessionOptions();
        ConsoleRouter.Install();
        // Library code (progress bars) shows live outputs through this, in whichever session's cell is running.
        LiveDisplay.Provider ??= value => CellContext.Current is { } cell ? DisplayHandle.Show(cell.Formatters.Format(value), cell.Formatters) : null;
        NotebookDirectory = Path.GetFullPath(_settings.NotebookDirectory ?? Directory.GetCurrentDirectory());
        Formatters = _settings.Formatters ?? new FormatterRegistry();
        Globals = new ScriptGlobals(NotebookDirectory, Formatters);
        var references = ScriptReferences.Load(_settings.AssemblyNames, _settings.AdditionalReferences);
        Imports = ScriptReferences.ExistingNamespaces(_settings.Namespaces, references);
        _options = ScriptOptions.Default
            .AddReferences(references.Select(DocumentedReferences.For))
            .WithImports(Imports)
            .WithMetadataResolver(ScriptMetadataResolver.Default.WithBaseDirectory(NotebookDirectory))
            .WithSourceResolver(ScriptSourceResolver.Default.WithBaseDirectory(NotebookDirectory))
            .WithEmitDebugInformation(_settings.EmitDebugInformation)
            .WithOptimizationLevel(OptimizationLevel.Release)
            .WithLanguageVersion(LanguageVersion.Latest)
            .WithAllowUnsafe(true)
            .WithFileEncoding(System.Text.Encoding.UTF8);
    }

    /// <summary>Raised for every output as it is produced (stream outputs carry only the new text). May come from any thread.</summary>
    public event EventHandler<OutputProducedEventArgs>? OutputProduced;

    /// <summary>The notebook's folder (absolute).</summary>
    public string NotebookDirectory { get; }

    /// <summary>How values are displayed.</summary>
    public FormatterRegistry Formatters { get; }

    /// <summary>The object whose members cells see as globals.</summary>
    public ScriptGlobals Globals { get; }

    /// <summary>The namespaces imported in every cell (the configured ones that exist).</summary>
    public IReadOnlyList<string> Imports { get; }

    /// <summary>Number of executions so far (the last prompt number).</summary>
    public int ExecutionCount => Volatile.Read(ref _executionCount);

    /// <summary>Compiles an empty submission so the first real cell does not pay Roslyn's start-up cost.</summary>
    public async Task WarmUpAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await StartedStateAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Runs one cell. Never throws for problems in the cell itself: they become error outputs.</summary>
    public async Task<CellExecutionResult> ExecuteAsync(string code, CellExecutionOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(code);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await ExecuteCoreAsync(code, options, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<CellExecutionResult> ExecuteCoreAsync(string code, CellExecutionOptions? options, CancellationToken cancellationToken)
    {
        int count = Interlocked.Increment(ref _executionCount);
        var cellName = options?.CellName ?? $"cell {count}";
        _cellNames.TryAdd(cellName, 0);
        var collector = new OutputCollector(o => OutputProduced?.Invoke(this, new OutputProducedEventArgs(count, o)), Formatters.PlotlyLibrary.Before);
        var clock = Stopwatch.StartNew();
        var provenance = new ProvenanceLog();
        CellStatus status;
        object? value = null;

        var cell = CellDirectives.Process(code);
        if (cell.Problem is not null)
        {
            collector.Add(new ErrorOutput("UnsupportedCell", cell.Problem, [$"{cellName}: {cell.Problem}"]));
            status = CellStatus.Error;
        }
        else if (!AddPackageReferences(cell.NuGetPackages, collector, cellName))
            status = CellStatus.Error;
        else
            (status, value) = await RunAsync(cell.Code, cellName, count, options, collector, provenance, cancellationToken).ConfigureAwait(false);

        if (cell.Timed)
            collector.AppendStream("stdout", string.Create(CultureInfo.InvariantCulture, $"Wall time: {clock.Elapsed.TotalMilliseconds:0.0} ms\n"));
        return new CellExecutionResult(count, status, collector.Close(), clock.Elapsed, value) { Provenance = provenance };
    }

    private async Task<(CellStatus, object?)> RunAsync(string code, string cellName, int count, CellExecutionOptions? cellOptions,
        OutputCollector collector, ProvenanceLog provenance, CancellationToken callerToken)
    {
        var timeout = cellOptions?.Timeout ?? _settings.DefaultCellTimeout;
        using var timeoutSource = new CancellationTokenSource();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(callerToken, timeoutSource.Token);
        var token = linked.Token;
        var context = new CellContext(collector, Formatters, token, cellOptions);
        var options = _options.WithFilePath(cellName);
        var instrumented = LoopInterruptRewriter.Instrument(code);
        var previousDirectory = EnterWorkingDirectory();
        try
        {
            var previous = await StartedStateAsync(callerToken).ConfigureAwait(false);
            if (timeout is { } limit) timeoutSource.CancelAfter(limit);
            // Task.Run: the submission runs synchronously until its first await, and an abandoned one must not block us.
            var run = Task.Run(async () =>
            {
                CellContext.Current = context;
                // The engine and the cell's own loops check this token, so an interrupt stops the work itself.
                using var interruptible = Interruption.Enter(token);
                using var recording = Provenance.Begin(provenance);
                return await previous.ContinueWithAsync(instrumented, options, _ => true, token).ConfigureAwait(false);
            }, CancellationToken.None);

            ScriptState<object> next;
            try
            {
                next = await run.WaitAsync(token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                // The cell's loops and the engine check the token; give them a moment to unwind so we can say whether
                // the work really stopped, or (a blocking call that never checks) is still running in the background.
                var stopped = await Task.WhenAny(run, Task.Delay(StopGrace, CancellationToken.None)).ConfigureAwait(false) == run;
                _ = run.ContinueWith(t => t.Exception, TaskScheduler.Default); // observe whatever the abandoned cell ends with
                var outcome = stopped ? "its work stopped" : $"its work did not stop within {StopGrace.TotalSeconds:0} s and is still running in the background (a blocking call that never checks for interrupts)";
                if (timeoutSource.IsCancellationRequested && !callerToken.IsCancellationRequested)
                {
                    var seconds = timeout!.Value.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
                    var message = $"cell timed out after {seconds} s; {outcome}";
                    collector.Add(new ErrorOutput("TimeoutError", message, [$"TimeoutError: {message}", $"   in {cellName}"]));
                    return (CellStatus.TimedOut, null);
                }
                collector.Add(new ErrorOutput("Interrupted", $"execution was interrupted; {outcome}", [$"Interrupted: {cellName}: {outcome}"]));
                return (CellStatus.Cancelled, null);
            }
            catch (CompilationErrorException e)
            {
                collector.Add(ScriptErrors.FromCompilation(e, cellName));
                return (CellStatus.Error, null);
            }

            _state = next;
            if (next.Exception is { } exception)
            {
                collector.Add(ScriptErrors.FromException(exception, cellName, _cellNames.ContainsKey));
                return (CellStatus.Error, null);
            }
            // display(x) as a cell's last expression shows x once, not also its handle.
            if (next.ReturnValue is { } value and not DisplayHandle)
            {
                try
                {
                    collector.Add(new ExecuteResultOutput(count, Formatters.Format(value)));
                }
                catch (Exception e)
                {
                    collector.Add(ScriptErrors.FromException(e, cellName, _cellNames.ContainsKey));
                    return (CellStatus.Error, value);
                }
            }
            return (CellStatus.Ok, next.ReturnValue);
        }
        finally
        {
            if (previousDirectory is not null) Directory.SetCurrentDirectory(previousDirectory);
        }
    }

    private string? EnterWorkingDirectory()
    {
        if (!_settings.UseNotebookDirectoryAsWorkingDirectory) return null;
        var current = Directory.GetCurrentDirectory();
        if (string.Equals(current, NotebookDirectory, StringComparison.Ordinal)) return null;
        Directory.SetCurrentDirectory(NotebookDirectory);
        return current;
    }

    private async Task<ScriptState<object>> StartedStateAsync(CancellationToken cancellationToken)
    {
        if (_state is not null) return _state;
        var script = CSharpScript.Create<object>("", _options, typeof(ScriptGlobals));
        _state = await script.RunAsync(Globals, cancellationToken).ConfigureAwait(false);
        return _state;
    }

    private bool AddPackageReferences(IReadOnlyList<string> packages, OutputCollector collector, string cellName)
    {
        var assemblies = new List<Assembly>();
        foreach (var package in packages)
        {
            var assembly = NuGetReferenceResolver.Resolve(package);
            if (assembly is null)
            {
                var message = NuGetReferenceResolver.NotAvailableMessage(package);
                collector.Add(new ErrorOutput("PackageNotAvailable", message, [$"{cellName}: {message}"]));
                return false;
            }
            assemblies.Add(assembly);
        }
        if (assemblies.Count > 0) _options = _options.AddReferences(assemblies);
        return true;
    }

    /// <summary>Completion candidates at <paramref name="cursor"/> (an offset into <paramref name="code"/>), seeing earlier cells.</summary>
    public async Task<IReadOnlyList<CompletionItem>> CompleteAsync(string code, int cursor, CancellationToken cancellationToken = default)
    {
        var (compilation, tree) = await NextSubmissionAsync(code, cancellationToken).ConfigureAwait(false);
        return CodeCompletion.Complete(compilation, tree, cursor);
    }

    /// <summary>
    /// <paramref name="code"/> compiled as the next cell (not run), so editor features see earlier cells. Offsets stay
    /// valid: directives become spaces.
    /// </summary>
    private async Task<(Compilation Compilation, SyntaxTree Tree)> NextSubmissionAsync(string code, CancellationToken cancellationToken)
    {
        ScriptState<object> state;
        // Completion and inspection may come while a cell runs (front ends ask on every keystroke): they need only the
        // last finished state, so they do not wait for the running cell.
        if (_state is { } finished) state = finished;
        else
        {
            await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                state = await StartedStateAsync(cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                _gate.Release();
            }
        }
        var cell = CellDirectives.Process(code, keepOffsets: true);
        var compilation = state.Script.ContinueWith(cell.Code, _options).GetCompilation();
        return (compilation, compilation.SyntaxTrees.Last());
    }

    /// <summary>The symbol at <paramref name="cursor"/> with its signature and doc summary (Shift+Tab), seeing earlier cells; null when there is none.</summary>
    public async Task<Inspection?> InspectAsync(string code, int cursor, CancellationToken cancellationToken = default)
    {
        var (compilation, tree) = await NextSubmissionAsync(code, cancellationToken).ConfigureAwait(false);
        return CodeInspection.Inspect(compilation, tree, cursor);
    }

    /// <summary>Whether <paramref name="code"/> is a complete submission, needs more lines, or is invalid.</summary>
    public static CodeCompleteness IsComplete(string code)
    {
        var tree = CSharpSyntaxTree.ParseText(CellDirectives.Process(code, keepOffsets: true).Code,
            new CSharpParseOptions(LanguageVersion.Latest, kind: SourceCodeKind.Script));
        if (!SyntaxFactory.IsCompleteSubmission(tree)) return CodeCompleteness.Incomplete;
        return tree.GetDiagnostics().Any(d => d.Severity == DiagnosticSeverity.Error) ? CodeCompleteness.Invalid : CodeCompleteness.Complete;
    }

    /// <summary>The current value of a top-level variable declared by an executed cell.</summary>
    public bool TryGetVariable(string name, out object? value)
    {
        var variable = _state?.GetVariable(name);
        value = variable?.Value;
        return variable is not null;
    }

    /// <summary>Names and types of the variables declared so far (latest declaration of each name).</summary>
    public IReadOnlyList<(string Name, Type Type)> Variables =>
        _state?.Variables.GroupBy(v => v.Name).Select(g => (g.Key, g.Last().Type)).ToArray() ?? [];

    /// <inheritdoc />
    public void Dispose() => _gate.Dispose();
}
