using LatentWorkbench.Engine;
using LatentWorkbench.Engine.Autograd;
using LatentWorkbench.Engine.NN;
using LatentWorkbench.LatentFields;
using LatentWorkbench.Models;

namespace LatentWorkbench.Tests.LatentFields;

public class MlpLatentMapTests
{
    [Fact]
    public void FastPathAgreesWithEncodeDecode()
    {
        var model = new MlpAutoencoder(8, generator: new Generator(3));
        model.Eval();
        var z = Tensor.Randn(new Generator(4), 2500, 8); // more rows than one inference chunk
        float[] expected;
        using (GradMode.NoGrad()) expected = model.Encode(model.Decode(z)).ToArray();

        var fast = new LatentMap(model).Apply(z.ToArray());

        Assert.Equal(expected.Length, fast.Length);
        for (int i = 0; i < fast.Length; i++)
            Assert.True(Math.Abs(fast[i] - expected[i]) <= 1e-4f * (1 + Math.Abs(expected[i])), $"element {i}: {fast[i]} vs {expected[i]}");
    }

    [Fact]
    public void FastPathReportsNonFiniteOutputs()
    {
        var model = new MlpAutoencoder(4, generator: new Generator(1));
        model.Decoder.Parameters().First().AsSpan()[0] = float.NaN;
        var map = new LatentMap(model);
        var ex = Assert.Throws<ArithmeticException>(() => map.Apply(new float[4 * 3]));
        Assert.Contains("non-finite", ex.Message);
    }

    [Fact]
    public void CudaMapRunsOnTheGpuWhenThereIsOneAndOtherwiseOnTheCpuWithTheSameNumbers()
    {
        var model = new MlpAutoencoder(8, generator: new Generator(5));
        var z = Tensor.Randn(new Generator(6), 700, 8).ToArray();
        var cpu = new LatentMap(model).Apply(z);
        using var requested = new LatentMap(model, device: Device.Cuda);
        var result = requested.Apply(z);
        var gpu = Engine.Cuda.CudaRuntime.IsAvailable;
        Assert.Equal(gpu ? Device.Cuda : Device.Cpu, requested.Device);
        for (int i = 0; i < cpu.Length; i++)
            Assert.True(Math.Abs(cpu[i] - result[i]) <= (gpu ? 1e-4f * (1 + Math.Abs(cpu[i])) : 0f), $"element {i}: CPU {cpu[i]} vs {result[i]} on {requested.Device}");
        // Trajectories and attractor search go through the same map.
        var viaCuda = Trajectories.Run(requested, z.AsSpan(0, 80), new TrajectoryOptions { MaxIterations = 50 });
        var viaCpu = Trajectories.Run(new LatentMap(model), z.AsSpan(0, 80), new TrajectoryOptions { MaxIterations = 50 });
        if (!gpu) Assert.Equal(viaCpu.Endpoints, viaCuda.Endpoints);
        else for (int i = 0; i < viaCpu.Endpoints.Length; i++) Assert.True(Math.Abs(viaCpu.Endpoints[i] - viaCuda.Endpoints[i]) <= 1e-3f * (1 + Math.Abs(viaCpu.Endpoints[i])));
    }

    [Fact]
    public void TheEngineRunsModelsWithPlannableModulesOnThePlanAndOthersThroughTheirForward()
    {
        Assert.Equal(InferencePath.CpuPlan, new LatentMap(new MlpAutoencoder(4, generator: new Generator(1))).Path);
        Assert.Equal(InferencePath.Module, new LatentMap(new ConvAutoencoder(4, width: 4, generator: new Generator(2))).Path);
        // A model that exposes no modules keeps its own Encode and Decode.
        var linear = new LinearAutoencoder(new double[,] { { 0.5, 0 }, { 0, 0.5 } }, [1, 0]);
        var map = new LatentMap(linear);
        Assert.Equal(InferencePath.Module, map.Path);
        Assert.Equal(new float[] { 2f, 1f }, map.Apply(new float[] { 2f, 2f }));
    }
}
