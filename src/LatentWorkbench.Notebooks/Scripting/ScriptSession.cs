using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Reflection;
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
    private ScriptOptions _options;
    private ScriptState<object>? _state;
    private int _executionCount;

    /// <summary>Creates a session; nothing is compiled until the first cell (or <see cref="WarmUpAsync"/>).</summary>
    public ScriptSession(ScriptSessionOptions? options = null)
    {
        _settings = options ?? new ScriptSessionOptions();
        ConsoleRouter.Install();
        NotebookDirectory = Path.GetFullPath(_settings.NotebookDirectory ?? Directory.GetCurrentDirectory());
        Formatters = _settings.Formatters ?? new FormatterRegistry();
        Globals = new ScriptGlobals(NotebookDirectory, Formatters);
        var references = ScriptReferences.Load(_settings.AssemblyNames, _settings.AdditionalReferences);
        Imports = ScriptReferences.ExistingNamespaces(_settings.Namespaces, references);
        _options = ScriptOptions.Default
            .AddReferences(references)
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
            (status, value) = await RunAsync(cell.Code, cellName, count, options?.Timeout ?? _settings.DefaultCellTimeout, collector, cancellationToken).ConfigureAwait(false);

        return new CellExecutionResult(count, status, collector.Close(), clock.Elapsed, value);
    }

    private async Task<(CellStatus, object?)> RunAsync(string code, string cellName, int count, TimeSpan? timeout,
        OutputCollector collector, CancellationToken callerToken)
    {
        using var timeoutSource = new CancellationTokenSource();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(callerToken, timeoutSource.Token);
        var token = linked.Token;
        var context = new CellContext(collector, Formatters, token);
        var options = _options.WithFilePath(cellName);
        var previousDirectory = EnterWorkingDirectory();
        try
        {
            var previous = await StartedStateAsync(callerToken).ConfigureAwait(false);
            if (timeout is { } limit) timeoutSource.CancelAfter(limit);
            // Task.Run: the submission runs synchronously until its first await, and an abandoned one must not block us.
            var run = Task.Run(() =>
            {
                CellContext.Current = context;
                return previous.ContinueWithAsync(code, options, _ => true, token);
            }, CancellationToken.None);

            ScriptState<object> next;
            try
            {
                next = await run.WaitAsync(token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                _ = run.ContinueWith(t => t.Exception, TaskScheduler.Default); // observe whatever the abandoned cell ends with
                if (timeoutSource.IsCancellationRequested && !callerToken.IsCancellationRequested)
                {
                    var seconds = timeout!.Value.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
                    var message = $"cell timed out after {seconds} s";
                    collector.Add(new ErrorOutput("TimeoutError", message, [$"TimeoutError: {message}", $"   in {cellName}"]));
                    return (CellStatus.TimedOut, null);
                }
                collector.Add(new ErrorOutput("Interrupted", "execution was interrupted", [$"Interrupted: {cellName} was abandoned"]));
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
            if (next.ReturnValue is { } value)
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
        ScriptState<object> state;
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            state = await StartedStateAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
        var cell = CellDirectives.Process(code, keepOffsets: true);
        var compilation = state.Script.ContinueWith(cell.Code, _options).GetCompilation();
        var tree = compilation.SyntaxTrees.Last();
        return CodeCompletion.Complete(compilation, tree, cursor);
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
