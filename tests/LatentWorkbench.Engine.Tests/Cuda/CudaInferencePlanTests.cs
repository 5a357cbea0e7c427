using LatentWorkbench.Engine.Cuda;
using LatentWorkbench.Engine.NN;

namespace LatentWorkbench.Engine.Tests.Cuda;

/// <summary>The GPU plan against the CPU plan (itself tested against Module.Call): same chains, float tolerance.</summary>
public class CudaInferencePlanTests
{
    private static Sequential Chain(Generator g) => new(
        new LeakyReLU(0.1f),
        new Linear(16, 48, generator: g), new ReLU(),
        new Linear(48, 33, generator: g), new Tanh(), new Sigmoid(),
        new Linear(33, 7, generator: g), new LeakyReLU(0.2f),
        new Linear(7, 16, bias: false, generator: g));

    private static void AssertClose(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-5f + 1e-4f * Math.Abs(expected[i]), $"element {i}: CPU {expected[i]}, GPU {actual[i]}");
    }

    [CudaFact]
    public void MatchesTheCpuPlanOnHostRowsIncludingOddSizes()
    {
        var g = new Generator(3);
        var chain = Chain(g);
        var cpu = new InferencePlan([chain]);
        using var gpu = new CudaInferencePlan([chain]);
        foreach (int rows in new[] { 1, 5, 1000, 4099 })
        {
            var x = Tensor.Randn(g, rows, 16).AsSpan().ToArray();
            var expected = new float[rows * 16];
            var actual = new float[rows * 16];
            cpu.Run(x, expected, rows);
            gpu.Run(x, actual, rows);
            AssertClose(expected, actual);
        }
    }

    [CudaFact]
    public void IteratesInPlaceOnTheDeviceAndRefreshesWeights()
    {
        var g = new Generator(4);
        var chain = Chain(g);
        var cpu = new InferencePlan([chain]);
        using var gpu = new CudaInferencePlan([chain]);
        const int rows = 300;
        var z = Tensor.Randn(g, rows, 16).AsSpan().ToArray();
        var context = CudaRuntime.Context;
        using var buffer = context.Memory.Rent(rows * 16);
        buffer.Upload(z);
        for (int s = 0; s < 5; s++)
        {
            cpu.Run(z, z, rows);
            gpu.Run(buffer, buffer, rows);
        }
        var actual = new float[rows * 16];
        buffer.Download(actual);
        AssertClose(z, actual);

        // The GPU plan holds a copy of the weights: after a change it agrees again only after Refresh.
        var first = (Linear)chain[1];
        first.Weight.AsSpan()[0] += 1f;
        var x = Tensor.Randn(g, rows, 16).AsSpan().ToArray();
        var expected = new float[rows * 16];
        cpu.Run(x, expected, rows);
        gpu.Refresh();
        gpu.Run(x, actual, rows);
        AssertClose(expected, actual);
    }

    [CudaFact]
    public void DeviceMemoryIsPooledAndErrorsNameTheCall()
    {
        var context = CudaRuntime.Context;
        context.Memory.Trim();
        var a = context.Memory.Rent(1000);
        a.Dispose();
        Assert.Equal(4000, context.Memory.PooledBytes);
        using (var b = context.Memory.Rent(1000)) Assert.Equal(0, context.Memory.PooledBytes); // the same allocation again
        context.Memory.Trim();
        Assert.Equal(0, context.Memory.PooledBytes);

        var e = Assert.Throws<CudaException>(() => CudaKernels.Compile(context.Api, "this is not CUDA C"));
        Assert.Equal("nvrtcCompileProgram", e.Call);
        Assert.Contains("nvrtcCompileProgram failed", e.Message);
        using var small = context.Memory.Rent(4);
        Assert.Throws<ArgumentException>(() => small.Upload(new float[5]));
    }
}
