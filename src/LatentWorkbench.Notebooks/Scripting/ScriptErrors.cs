using System.Diagnostics;
using System.Reflection;
using LatentWorkbench.Notebooks.Documents;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Scripting;

namespace LatentWorkbench.Notebooks.Scripting;

/// <summary>Turns compilation failures and exceptions into Jupyter error outputs that name the cell and line.</summary>
internal static class ScriptErrors
{
    /// <summary>Error output for Roslyn diagnostics; lines are relative to the cell (or the #load-ed file).</summary>
    public static ErrorOutput FromCompilation(CompilationErrorException e, string cellName)
    {
        var errors = e.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
        if (errors.Length == 0) errors = e.Diagnostics.ToArray();
        var lines = errors.Select(d => Describe(d, cellName)).ToArray();
        return new ErrorOutput("CompilationError", lines.FirstOrDefault() ?? e.Message, lines);
    }

    private static string Describe(Diagnostic d, string cellName)
    {
        var span = d.Location.GetLineSpan();
        var file = string.IsNullOrEmpty(span.Path) || span.Path == cellName ? cellName : Path.GetFileName(span.Path);
        var severity = d.Severity == DiagnosticSeverity.Error ? "error" : "warning";
        return d.Location.IsInSource
            ? $"{file} ({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1}): {severity} {d.Id}: {d.GetMessage()}"
            : $"{file}: {severity} {d.Id}: {d.GetMessage()}";
    }

    /// <summary>Error output for an exception thrown by cell code; <paramref name="isCellName"/> recognises the file names of cells.</summary>
    public static ErrorOutput FromException(Exception exception, string cellName, Func<string, bool> isCellName)
    {
        var e = Unwrap(exception);
        var traceback = new List<string> { $"{e.GetType().FullName}: {e.Message}" };
        var frames = Frames(e, isCellName);
        var origin = frames.FirstOrDefault(f => f.InCell);
        traceback.Add(origin.InCell ? $"   in {origin.File}, line {origin.Line}" : $"   in {cellName}");
        // Frames are innermost first, as in .NET stack traces.
        traceback.AddRange(frames.Select(f => f.Text));
        for (var inner = e.InnerException; inner is not null; inner = inner.InnerException)
            traceback.Add($" ---> {inner.GetType().FullName}: {inner.Message}");
        return new ErrorOutput(e.GetType().FullName ?? e.GetType().Name, e.Message, traceback);
    }

    private static Exception Unwrap(Exception e)
    {
        while (true)
        {
            if (e is TargetInvocationException { InnerException: { } ti }) e = ti;
            else if (e is AggregateException { InnerExceptions.Count: 1 } ae) e = ae.InnerExceptions[0];
            else return e;
        }
    }

    private readonly record struct Frame(string Text, bool InCell, string File, int Line);

    private static List<Frame> Frames(Exception e, Func<string, bool> isCellName)
    {
        var result = new List<Frame>();
        foreach (var frame in new StackTrace(e, fNeedFileInfo: true).GetFrames())
        {
            var method = frame.GetMethod();
            var type = method?.DeclaringType;
            var ns = type?.Namespace ?? "";
            // Frames below the cell are Roslyn's and the runtime's plumbing, not the user's code.
            if (ns.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal)) break;
            if (ns.StartsWith("System.Runtime.CompilerServices", StringComparison.Ordinal) || ns.StartsWith("System.Runtime.ExceptionServices", StringComparison.Ordinal) || ns.StartsWith("System.Threading.Tasks", StringComparison.Ordinal)) continue;
            var file = frame.GetFileName() ?? "";
            int line = frame.GetFileLineNumber();
            // The PDB may hold the cell name rooted at the notebook folder; only the name is shown (no machine paths).
            if (file.Length > 0 && !isCellName(file)) file = Path.GetFileName(file);
            bool inScript = file.Length > 0 && (isCellName(file) || IsSubmissionCode(type));
            var name = MethodName(method);
            if (inScript) result.Add(new Frame(name is null ? $"   at {file}, line {line}" : $"   at {name} in {file}, line {line}", true, file, line));
            else if (file.Length > 0) result.Add(new Frame($"   at {type?.FullName}.{method?.Name} in {file}:line {line}", false, file, line));
            else result.Add(new Frame($"   at {type?.FullName}.{method?.Name}", false, file, line));
        }
        return result;
    }

    /// <summary>Whether a type was compiled from a cell or a #load-ed script (they all nest in "Submission#N").</summary>
    private static bool IsSubmissionCode(Type? type)
    {
        for (var t = type; t is not null; t = t.DeclaringType)
            if (t.Name.StartsWith("Submission#", StringComparison.Ordinal)) return true;
        return false;
    }

    /// <summary>A readable name for a method in cell code; null for the cell body itself.</summary>
    private static string? MethodName(MethodBase? method)
    {
        if (method is null) return null;
        var type = method.DeclaringType;
        var name = method.Name;
        if (name.Contains(">b__", StringComparison.Ordinal)) return "lambda";
        // Async bodies live in types named like "<Square>d__1"; lambdas in methods named like "<Square>b__0_0".
        if (type is not null && type.Name.StartsWith('<') && type.Name.LastIndexOf('>') is > 1 and var end) name = type.Name[1..end];
        else if (name.StartsWith('<') && name.LastIndexOf('>') is > 1 and var close) name = name[1..close];
        name = name.Trim('<', '>');
        if (name == "Initialize") return null;
        var owner = type;
        while (owner is not null && owner.Name.StartsWith('<')) owner = owner.DeclaringType;
        return owner is null || owner.Name.StartsWith("Submission#", StringComparison.Ordinal) ? name : $"{owner.Name}.{name}";
    }
}
