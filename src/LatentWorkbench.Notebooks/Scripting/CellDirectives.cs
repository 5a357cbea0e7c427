using System.Text;
using System.Text.RegularExpressions;
using LatentWorkbench.Notebooks.Documents;

namespace LatentWorkbench.Notebooks.Scripting;

/// <summary>A cell after the notebook-level directives Roslyn does not understand have been taken out.</summary>
/// <param name="Code">The code for Roslyn; removed lines become blank so line numbers still match the cell.</param>
/// <param name="NuGetPackages">Package ids from <c>#r "nuget: ..."</c> lines.</param>
/// <param name="Problem">Why the cell cannot run as C# (another kernel, unknown magic), or null.</param>
/// <param name="Timed">Whether the cell asked for its wall time (<c>#!time</c>).</param>
internal sealed record PreprocessedCell(string Code, IReadOnlyList<string> NuGetPackages, string? Problem, bool Timed);

/// <summary>
/// Handles Polyglot-style lines: a first line <c>#!csharp</c> is accepted, <c>#!time</c> reports the cell's wall time,
/// <c>#!fsharp</c> and other kernels are refused, and <c>#r "nuget: X"</c> is resolved by the session instead of Roslyn.
/// </summary>
internal static partial class CellDirectives
{
    private static readonly HashSet<string> CSharpNames = new(StringComparer.Ordinal) { "csharp", "c#", "C#" };

    [GeneratedRegex("""^\s*#r\s+"nuget:\s*(?<id>[^,"\s]+)\s*(,\s*(?<version>[^"]*))?"\s*;?\s*$""", RegexOptions.IgnoreCase)]
    private static partial Regex NuGetReference();

    [GeneratedRegex("""^\s*#i\s+"nuget:""", RegexOptions.IgnoreCase)]
    private static partial Regex NuGetSource();

    /// <summary>Blanks the handled lines; with <paramref name="keepOffsets"/> they become spaces so character offsets stay valid.</summary>
    public static PreprocessedCell Process(string code, bool keepOffsets = false)
    {
        var lines = code.Split('\n');
        var packages = new List<string>();
        string? problem = null;
        bool seenCode = false, timed = false;
        for (int i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            var trimmed = line.Trim();
            if (trimmed.Length == 0) continue;
            if (!seenCode && trimmed.StartsWith("#!", StringComparison.Ordinal))
            {
                var name = trimmed[2..].Split(' ', 2)[0];
                if (CSharpNames.Contains(name)) { lines[i] = Blank(lines[i], keepOffsets); continue; }
                if (name == "time") { timed = true; lines[i] = Blank(lines[i], keepOffsets); continue; }
                problem = DibFormat.CellKernelNames.Contains(name)
                    ? $"This cell is for the '{DibFormat.Canonical(name)}' kernel; the workbench runs only C# cells."
                    : $"The magic command '#!{name}' is not supported; the workbench runs plain C# cells.";
                break;
            }
            if (NuGetReference().Match(line) is { Success: true } match)
            {
                packages.Add(match.Groups["id"].Value);
                lines[i] = Blank(lines[i], keepOffsets);
                continue;
            }
            if (NuGetSource().IsMatch(line)) { lines[i] = Blank(lines[i], keepOffsets); continue; }
            if (!trimmed.StartsWith('#') && !trimmed.StartsWith("//", StringComparison.Ordinal)) seenCode = true;
        }
        var sb = new StringBuilder(code.Length);
        for (int i = 0; i < lines.Length; i++)
        {
            if (i > 0) sb.Append('\n');
            sb.Append(lines[i]);
        }
        return new PreprocessedCell(sb.ToString(), packages, problem, timed);
    }

    private static string Blank(string line, bool keepOffsets) =>
        keepOffsets ? new string(' ', line.TrimEnd('\r').Length) + (line.EndsWith('\r') ? "\r" : "") : "";
}
