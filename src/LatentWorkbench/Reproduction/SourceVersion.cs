using System.Diagnostics;

namespace LatentWorkbench.Reproduction;

/// <summary>The git commit a result came from, and whether the working tree had uncommitted changes.</summary>
/// <param name="Commit">The full commit hash, or "unknown" outside a git checkout.</param>
/// <param name="Dirty">
/// Uncommitted changes to tracked files, so the commit alone does not reproduce the result. The results themselves
/// (<c>results/</c>, REPRODUCTION.md) do not count: a run rewrites them.
/// </param>
public sealed record SourceVersion(string Commit, bool Dirty)
{
    /// <summary>The version of the checkout containing <paramref name="directory"/> (default: the current directory).</summary>
    public static SourceVersion Of(string? directory = null)
    {
        directory ??= Environment.CurrentDirectory;
        string? commit = Git(directory, "rev-parse HEAD");
        if (commit is null) return new("unknown", false);
        string? status = Git(directory, "status --porcelain --untracked-files=no -- \":(top)\" \":(top,exclude)results\" \":(top,exclude)REPRODUCTION.md\"");
        return new(commit.Trim(), !string.IsNullOrWhiteSpace(status));
    }

    private static string? Git(string directory, string arguments)
    {
        try
        {
            var info = new ProcessStartInfo("git", arguments) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
            using var process = Process.Start(info);
            if (process is null) return null;
            string output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode == 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // git is not installed
        }
    }
}
