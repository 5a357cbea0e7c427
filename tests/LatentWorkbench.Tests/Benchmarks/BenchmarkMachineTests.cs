using System.Text.Json;
using LatentWorkbench.Benchmarks;
using LatentWorkbench.Engine.Kernels;

namespace LatentWorkbench.Tests.Benchmarks;

/// <summary>Every bench figure carries the instruction set and cache sizes it was measured with.</summary>
public class BenchmarkMachineTests
{
    [Fact]
    public void Json_line_carries_isa_and_cache_sizes_and_still_parses()
    {
        var machine = BenchmarkMachine.Current;
        var line = new BenchmarkResult("gemm", 123.4567, "GFLOP/s", 0, 0, 0, 0).ToJson(machine);
        using var doc = JsonDocument.Parse(line);
        var root = doc.RootElement;
        Assert.Equal("gemm", root.GetProperty("workload").GetString());
        Assert.Equal(123.457, root.GetProperty("value").GetDouble());
        Assert.Equal(Gemm.ManagedInstructionSet, root.GetProperty("isa").GetString());
        Assert.Equal(Gemm.ManagedCaches.L1d, root.GetProperty("l1d_bytes").GetInt32());
        Assert.Equal(Gemm.ManagedCaches.L2, root.GetProperty("l2_bytes").GetInt32());
        Assert.Equal(Gemm.ManagedCaches.L3, root.GetProperty("l3_bytes").GetInt64());
        Assert.Contains("KC", root.GetProperty("blocking").GetString());
        Assert.Contains($"ISA: {machine.Isa}", machine.Header);
        Assert.Contains("caches assumed: L1d", machine.Header);
    }

    [Fact]
    public void Json_without_machine_keeps_the_torch_script_format()
    {
        Assert.Equal("{\"workload\": \"gemm\", \"value\": 1.5, \"unit\": \"GFLOP/s\"}", new BenchmarkResult("gemm", 1.5, "GFLOP/s", 0, 0, 0, 0).ToJson());
    }
}
