using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace LatentWorkbench.Benchmarks;

/// <summary>
/// Runs the PyTorch reference script (torch_reference.py: PyTorch, OpenBLAS, 2 threads) and reads its one-JSON-line-per-workload output.
/// </summary>
public static class TorchReference
{
    /// <summary>The interpreter that has torch (Debian's python3-torch); the pyenv python3 on PATH does not.</summary>
    public const string DefaultPython = "/usr/bin/python3";

    /// <summary>Where the script is looked for when no path is given: $LWB_TORCH_REFERENCE, then the shared bench folder.</summary>
    public static string? FindScript()
    {
        var fromEnv = Environment.GetEnvironmentVariable("LWB_TORCH_REFERENCE");
        if (!string.IsNullOrEmpty(fromEnv)) return File.Exists(fromEnv) ? fromEnv : null;
        const string shared = "/work/shared/bench/torch_reference.py";
        return File.Exists(shared) ? shared : null;
    }

    /// <summary>Whether <paramref name="python"/> exists and can import torch.</summary>
    public static bool IsAvailable(string python = DefaultPython)
    {
        if (!File.Exists(python)) return false;
        try
        {
            using var p = Process.Start(new ProcessStartInfo(python, ["-c", "import torch"]) { RedirectStandardError = true, RedirectStandardOutput = true })!;
            p.WaitForExit();
            return p.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception) { return false; }
    }

    /// <summary>The workloads the script implements (others, such as h0, have no PyTorch counterpart).</summary>
    public static IReadOnlySet<string> Provided { get; } = new HashSet<string> { "gemm", "mlp-ae-train", "latent-iterate", "conv-ae-train", "knn-laplacian-eigs" };

    /// <summary>Runs the script for <paramref name="workloads"/> and returns workload name to (value, unit).</summary>
    public static Dictionary<string, (double Value, string Unit)> Run(string script, IEnumerable<string> workloads, string python = DefaultPython)
    {
        var psi = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(script);
        foreach (var w in workloads) psi.ArgumentList.Add(w);
        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {python}");
        var stderr = process.StandardError.ReadToEndAsync();
        var results = new Dictionary<string, (double, string)>();
        string? line;
        while ((line = process.StandardOutput.ReadLine()) is not null)
        {
            if (!line.TrimStart().StartsWith('{')) continue;
            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            results[root.GetProperty("workload").GetString()!] = (root.GetProperty("value").GetDouble(), root.GetProperty("unit").GetString()!);
        }
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{script} exited with code {process.ExitCode}: {stderr.Result.Trim()}");
        return results;
    }

    /// <summary>ours / torch where higher is better, torch / ours for times (so above 1 always means we are faster).</summary>
    public static double Ratio(double ours, double torch, string unit) =>
        unit.EndsWith("seconds", StringComparison.Ordinal) ? torch / ours : ours / torch;

}
