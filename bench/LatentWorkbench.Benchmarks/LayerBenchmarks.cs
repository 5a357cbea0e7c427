using BenchmarkDotNet.Attributes;
using LatentWorkbench.Engine;
using LatentWorkbench.Engine.Autograd;
using LatentWorkbench.Engine.NN;
using LatentWorkbench.Engine.Optim;

namespace LatentWorkbench.Benchmarks;

/// <summary>
/// The layers of the reference workloads at batch 128: Linear 784->512 (+ReLU) forward and forward+backward,
/// Conv2d 32->64 3x3 stride 2 on 14x14 and ConvTranspose2d 64->32 4x4 stride 2 on 7x7 forward and
/// forward+backward, the gradient-free MLP latent map through <see cref="InferencePlan"/>, and one AdamW step over
/// the MLP autoencoder's 1.1 M parameters. The *Scoped variants run the step inside a <see cref="DisposeScope"/>.
/// Run: dotnet run -c Release --project bench/LatentWorkbench.Benchmarks -- --filter '*LayerBenchmarks*'
/// </summary>
[MemoryDiagnoser]
public class LayerBenchmarks
{
    private Linear linear = null!;
    private Conv2d conv = null!;
    private ConvTranspose2d deconv = null!;
    private Tensor xLinear = null!, xConv = null!, xDeconv = null!;
    private InferencePlan plan = null!;
    private float[] latent = [];
    private AdamW adam = null!;

    [GlobalSetup]
    public void Setup()
    {
        var g = new Generator(0);
        linear = new Linear(784, 512, generator: g);
        conv = new Conv2d(32, 64, 3, 2, 1, generator: g);
        deconv = new ConvTranspose2d(64, 32, 4, 2, 1, generator: g);
        xLinear = Tensor.Rand(g, 128, 784);
        xConv = Tensor.Rand(g, 128, 32, 14, 14);
        xDeconv = Tensor.Rand(g, 128, 64, 7, 7);
        var encoder = new Sequential(new Linear(784, 512, generator: g), new ReLU(), new Linear(512, 256, generator: g), new ReLU(), new Linear(256, 16, generator: g));
        var decoder = new Sequential(new Linear(16, 256, generator: g), new ReLU(), new Linear(256, 512, generator: g), new ReLU(), new Linear(512, 784, generator: g), new Sigmoid());
        plan = InferencePlan.Chain(decoder, encoder);
        latent = Tensor.Randn(g, 1024, 16).ToArray();
        var parameters = encoder.Parameters().Concat(decoder.Parameters()).ToList();
        foreach (var p in parameters) p.Grad = Tensor.Randn(g, [.. p.Shape]);
        adam = new AdamW(parameters, lr: 1e-3, weightDecay: 1e-4);
    }

    [Benchmark]
    public Tensor LinearReluForwardNoGrad()
    {
        using var _ = GradMode.NoGrad();
        return linear.Call(xLinear).Relu();
    }

    [Benchmark]
    public void LinearReluForwardBackward()
    {
        linear.ZeroGrad();
        linear.Call(xLinear).Relu().Sum().Backward();
    }

    /// <summary>The same step inside a dispose scope: its buffers come from the pool (compare the Allocated column).</summary>
    [Benchmark]
    public void LinearReluForwardBackwardScoped()
    {
        using var scope = DisposeScope.Begin();
        linear.ZeroGrad();
        linear.Call(xLinear).Relu().Sum().Backward();
    }

    [Benchmark]
    public Tensor Conv2dForwardNoGrad()
    {
        using var _ = GradMode.NoGrad();
        return conv.Call(xConv);
    }

    [Benchmark]
    public void Conv2dForwardBackward()
    {
        conv.ZeroGrad();
        conv.Call(xConv).Sum().Backward();
    }

    /// <summary>The same step inside a dispose scope.</summary>
    [Benchmark]
    public void Conv2dForwardBackwardScoped()
    {
        using var scope = DisposeScope.Begin();
        conv.ZeroGrad();
        conv.Call(xConv).Sum().Backward();
    }

    [Benchmark]
    public void ConvTranspose2dForwardBackward()
    {
        deconv.ZeroGrad();
        deconv.Call(xDeconv).Sum().Backward();
    }

    /// <summary>One step of the latent map E(D(z)) for 1,024 points.</summary>
    [Benchmark]
    public void LatentMapStep1024() => plan.Run(latent, latent, 1024);

    [Benchmark]
    public void AdamWStep() => adam.Step();
}
