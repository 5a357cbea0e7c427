using System.Globalization;
using System.Runtime.Intrinsics;
using LatentWorkbench.Engine.Kernels;

namespace LatentWorkbench.Benchmarks;

/// <summary>
/// What a benchmark figure was measured on, so it can be matched to a machine: the GEMM provider, the managed kernel's
/// instruction set and blocking, the cache sizes that blocking assumed, the widest vectors .NET itself uses
/// (TensorPrimitives follows them, not LWB_ISA) and the core count.
/// </summary>
/// <param name="Provider">The GEMM implementation, as <see cref="Gemm.ActiveProviderName"/> names it.</param>
/// <param name="Isa">The managed kernel's instruction set: avx512, avx2 or scalar.</param>
/// <param name="Caches">The cache sizes the managed blocking assumed.</param>
/// <param name="Blocking">Micro-tile and block sizes of the managed kernel.</param>
/// <param name="RuntimeVectorBits">Widest vector the .NET runtime accelerates (512 unless DOTNET_EnableAVX512=0 or the CPU lacks it).</param>
/// <param name="Cores">Logical processors.</param>
public sealed record BenchmarkMachine(string Provider, string Isa, CpuCaches Caches, string Blocking, int RuntimeVectorBits, int Cores)
{
    /// <summary>The settings in force now.</summary>
    public static BenchmarkMachine Current => new(Gemm.ActiveProviderName, Gemm.ManagedInstructionSet, Gemm.ManagedCaches, Gemm.ManagedBlocking,
        Vector512.IsHardwareAccelerated ? 512 : Vector256.IsHardwareAccelerated ? 256 : Vector128.IsHardwareAccelerated ? 128 : 0,
        Environment.ProcessorCount);

    /// <summary>The header lines bench prints before its figures.</summary>
    public string Header =>
        $"GEMM: {Provider}\nISA: {Isa} kernels ({Blocking}), runtime vectors {RuntimeVectorBits}-bit, {Cores} cores\ncaches assumed: {Caches}";

    /// <summary>The fields added to every JSON line (without braces), e.g. "isa": "avx2", "l1d_bytes": 49152, ...</summary>
    public string JsonFields => string.Create(CultureInfo.InvariantCulture,
        $"\"gemm\": \"{Provider}\", \"isa\": \"{Isa}\", \"runtime_vector_bits\": {RuntimeVectorBits}, \"cores\": {Cores}, " +
        $"\"l1d_bytes\": {Caches.L1d}, \"l2_bytes\": {Caches.L2}, \"l3_bytes\": {Caches.L3}, \"caches_from\": \"{Caches.Source}\", \"blocking\": \"{Blocking}\"");
}
