using BenchmarkDotNet.Running;
using LatentWorkbench.Benchmarks;

// Micro-benchmarks of the engine's kernels: dotnet run -c Release --project bench/LatentWorkbench.Benchmarks -- --filter '*'
// Quick GEMM throughput table (managed vs OpenBLAS vs torch): ... -- gflops [seconds-per-cell [threads [shape-filter]]]
if (args.Length > 0 && args[0] == "gflops")
{
    return GflopsReport.Run(args.Skip(1).ToArray());
}
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
