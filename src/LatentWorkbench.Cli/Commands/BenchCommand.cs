using System.CommandLine;
using System.Globalization;
using LatentWorkbench.Benchmarks;
using LatentWorkbench.Engine;
using LatentWorkbench.Engine.Cuda;
using LatentWorkbench.Engine.Kernels;

namespace LatentWorkbench.Cli.Commands;

/// <summary>
/// <c>lwb bench &lt;workload&gt;</c>: the engine's speed on the workloads of the torch reference script, optionally
/// side by side with PyTorch in the same run.
/// </summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var workload = new Argument<string>("workload") { Description = $"One of: {string.Join(", ", WorkloadCatalog.Names)}, all" };
        var json = new Option<bool>("--json") { Description = "Print one JSON line per workload: {\"workload\", \"value\", \"unit\"}" };
        var provider = new Option<string?>("--provider") { Description = "GEMM provider: managed, native or auto (default: $LWB_BLAS or auto)" };
        var repeat = new Option<int>("--repeat") { Description = "Multiply the number of timed runs (best of) by N", DefaultValueFactory = _ => 1 };
        var compare = new Option<bool>("--compare") { Description = "Also run the PyTorch reference script and print a table with ratios" };
        var isa = new Option<string?>("--isa")
        {
            Description = "Managed GEMM instruction set: auto, avx512, avx2 or scalar (default: $LWB_ISA or auto). To imitate an AVX2-only " +
                "machine completely (TensorPrimitives too) run with DOTNET_EnableAVX512=0 instead",
        };
        var device = new Option<string>("--device") { Description = "cpu or cuda (the GPU; workloads with a GPU version only)", DefaultValueFactory = _ => "cpu" };
        var command = new Command("bench", "Time the engine on the reference workloads (higher is better)");
        command.Arguments.Add(workload);
        command.Options.Add(json);
        command.Options.Add(provider);
        command.Options.Add(repeat);
        command.Options.Add(compare);
        command.Options.Add(isa);
        command.Options.Add(device);
        command.SetAction(parse => Run(parse.GetValue(workload)!, parse.GetValue(json), parse.GetValue(provider), parse.GetValue(repeat), parse.GetValue(compare),
            parse.GetValue(isa), parse.GetValue(device)!));
        return command;
    }

    private static int Run(string name, bool json, string? provider, int repeat, bool compare, string? isa, string deviceName)
    {
        try
        {
            if (repeat < 1) throw new ArgumentException($"--repeat must be at least 1, got {repeat}");
            var device = CudaRuntime.Parse(deviceName, "--device");
            var workloads = WorkloadCatalog.Resolve(name, device);
            if (device == Device.Cuda)
            {
                if (!CudaRuntime.IsAvailable) throw new InvalidOperationException($"--device cuda: no usable GPU ({CudaRuntime.UnavailableReason})");
                if (compare) throw new InvalidOperationException("--compare times PyTorch on the CPU; it cannot be combined with --device cuda yet");
                if (!json) Console.Error.WriteLine($"device: {CudaRuntime.Context}");
            }
            if (provider is not null) Gemm.Provider = Gemm.ParseProvider(provider);
            if (isa is not null) Gemm.ManagedInstructionSet = isa;
            string? script = null;
            if (compare)
            {
                script = TorchReference.FindScript()
                    ?? throw new InvalidOperationException("--compare: torch_reference.py not found (set LWB_TORCH_REFERENCE to its path)");
                if (!TorchReference.IsAvailable())
                    throw new InvalidOperationException($"--compare: {TorchReference.DefaultPython} cannot import torch (apt-get install python3-torch)");
            }
            var machine = BenchmarkMachine.Current;
            if (!json) Console.Error.WriteLine(machine.Header);
            var ours = new List<BenchmarkResult>();
            foreach (var (key, run) in workloads)
            {
                var r = run(repeat);
                ours.Add(r);
                if (json) Console.WriteLine(r.ToJson(machine));
                else Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{r.Workload,-16} {TorchReferenceFormat(r.Value),12} {r.Unit,-14} GC {r.Gen0}/{r.Gen1}/{r.Gen2}  peak {r.PeakWorkingSetBytes / (1 << 20)} MiB"));
            }
            if (script is not null) PrintComparison(ours, TorchReference.Run(script, workloads.Select(w => w.Key).Where(TorchReference.Provided.Contains)));
            return 0;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or IOException)
        {
            Console.Error.WriteLine($"bench: {e.Message}");
            return 1;
        }
    }

    private static string TorchReferenceFormat(double v) => v.ToString(v >= 100 ? "F0" : "F2", CultureInfo.InvariantCulture);

    private static void PrintComparison(List<BenchmarkResult> ours, Dictionary<string, (double Value, string Unit)> torch)
    {
        Console.WriteLine();
        Console.WriteLine($"{"workload",-16} {"ours",12} {"torch",12} {"ratio",7}  unit");
        foreach (var r in ours)
        {
            if (!torch.TryGetValue(r.Workload, out var t)) { Console.WriteLine($"{r.Workload,-16} {TorchReferenceFormat(r.Value),12} {"-",12} {"-",7}  {r.Unit}"); continue; }
            double ratio = TorchReference.Ratio(r.Value, t.Value, r.Unit);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{r.Workload,-16} {TorchReferenceFormat(r.Value),12} {TorchReferenceFormat(t.Value),12} {ratio,7:F2}x  {r.Unit}"));
        }
    }
}
