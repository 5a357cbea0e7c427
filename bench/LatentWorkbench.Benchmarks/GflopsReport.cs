using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using LatentWorkbench.Engine.Kernels;

namespace LatentWorkbench.Benchmarks;

/// <summary>
/// Side-by-side GFLOP/s of the managed kernel, native OpenBLAS and (for the n=2048 square) PyTorch,
/// without BenchmarkDotNet's process-per-case overhead: a quick check to run while tuning.
/// </summary>
internal static class GflopsReport
{
    private const string TorchScript = "/work/shared/bench/torch_reference.py";

    public static int Run(string[] args)
    {
        double seconds = args.Length > 0 ? double.Parse(args[0], CultureInfo.InvariantCulture) : 1.0;
        if (args.Length > 1)
        {
            int threads = int.Parse(args[1], CultureInfo.InvariantCulture);
            Gemm.ManagedThreads = threads;
            if (OpenBlas.IsAvailable) OpenBlas.SetThreads(threads);
        }
        Console.WriteLine($"managed: {Gemm.ManagedInstructionSet}, {Gemm.ManagedThreads} threads");
        Console.WriteLine(OpenBlas.IsAvailable ? $"native:  {OpenBlas.LibraryName} {OpenBlas.Config}" : "native:  OpenBLAS not loadable");
        Console.WriteLine($"{"shape",-40} {"managed",10} {"native",10} {"ratio",7}");
        string filter = args.Length > 2 ? args[2] : "";
        foreach (GemmShape shape in GemmShape.Standard)
        {
            if (!shape.Name.Contains(filter, StringComparison.OrdinalIgnoreCase)) continue;
            double managed = GemmThroughput.Measure(shape, GemmProvider.Managed, seconds);
            double native = OpenBlas.IsAvailable ? GemmThroughput.Measure(shape, GemmProvider.Native, seconds) : double.NaN;
            Console.WriteLine($"{shape.Name,-40} {managed,10:F1} {native,10:F1} {managed / native,7:F2}");
        }
        double? torch = filter.Length == 0 ? TorchGemm() : null;
        Console.WriteLine(torch is double t ? $"torch (n=2048, 2 threads): {t:F1} GFLOP/s" : "torch: not available");
        return 0;
    }

    private static double? TorchGemm()
    {
        if (!File.Exists(TorchScript)) return null;
        try
        {
            var psi = new ProcessStartInfo("/usr/bin/python3", [TorchScript, "gemm"]) { RedirectStandardOutput = true, RedirectStandardError = true };
            using var p = Process.Start(psi)!;
            string output = p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            foreach (string line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                using var doc = JsonDocument.Parse(line);
                if (doc.RootElement.GetProperty("workload").GetString() == "gemm") return doc.RootElement.GetProperty("value").GetDouble();
            }
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or JsonException)
        {
            Console.Error.WriteLine($"torch reference failed: {e.Message}");
        }
        return null;
    }
}
