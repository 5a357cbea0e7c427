using System.Diagnostics;

namespace LatentWorkbench.Notebooks.Tests.Kernel;

/// <summary>Runs a program to completion for the tests that drive real Jupyter tools.</summary>
internal static class ChildProcess
{
    /// <summary>Exit code and stdout + stderr; kills the process tree and throws when it outlives <paramref name="timeout"/>.</summary>
    public static (int ExitCode, string Output) Run(string file, IEnumerable<string> args, string workingDirectory, IDictionary<string, string> environment, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDirectory };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        foreach (var (key, value) in environment) start.Environment[key] = value;
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', args)} did not finish in {timeout.TotalMinutes:0.#} minutes");
        }
        return (process.ExitCode, stdout + stderr.Result);
    }
}
