using BenchmarkDotNet.Running;

// Micro-benchmarks of the engine's kernels: dotnet run -c Release --project bench/LatentWorkbench.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
