using LatentWorkbench.Engine;
using LatentWorkbench.Engine.Autograd;
using LatentWorkbench.Engine.Cuda;
using LatentWorkbench.Engine.NN;

namespace LatentWorkbench.Benchmarks;

/// <summary>
/// The latent map z -> E(D(z)) of the MLP autoencoder iterated 50 times on 10,000 points without gradients,
/// one warm-up pass, best of two (point-steps/s). Runs through the <see cref="InferenceSession"/> the latent map
/// uses, which takes the gradient-free CPU <see cref="InferencePlan"/> for this model, iterating in place in one
/// buffer; <c>generic: true</c> times the plain Module.Call path under NoGrad instead.
/// </summary>
public static class LatentIterateWorkload
{
    /// <summary>Runs the workload; the best of 2 x <paramref name="repeats"/> passes counts.</summary>
    public static BenchmarkResult Run(int repeats = 1) => Run(repeats, generic: false);

    private const int Points = 10000, Steps = 50, LatentDim = 16;

    /// <summary>Runs the workload through the session's CPU plan, or through Module.Call when <paramref name="generic"/> is set.</summary>
    public static BenchmarkResult Run(int repeats, bool generic)
    {
        var (encoder, decoder, z0) = Setup();
        using var session = new InferenceSession([decoder, encoder], LatentDim, LatentDim);
        if (session.Path != InferencePath.CpuPlan)
            throw new InvalidOperationException($"latent-iterate: the MLP latent map should run on the CPU plan but takes the {session.Path} path");
        var z = new float[Points * LatentDim];
        return Time(repeats, () =>
        {
            if (!generic)
            {
                z0.AsSpan().CopyTo(z);
                for (int s = 0; s < Steps; s++) session.Run(z, z, Points);
                return;
            }
            using var _ = GradMode.NoGrad();
            var zt = z0;
            for (int s = 0; s < Steps; s++) zt = encoder.Call(decoder.Call(zt));
        });
    }

    /// <summary>
    /// The same workload on the GPU: the points stay on the device for all 50 steps (as a torch run with .cuda()
    /// would keep them), iterated in place by a <see cref="CudaInferencePlan"/>; the pass ends with a synchronize.
    /// </summary>
    public static BenchmarkResult RunCuda(int repeats = 1)
    {
        var context = CudaRuntime.Context;
        var (encoder, decoder, z0) = Setup();
        using var plan = CudaInferencePlan.Chain(decoder, encoder);
        using var start = context.Memory.Rent(Points * LatentDim);
        using var z = context.Memory.Rent(Points * LatentDim);
        start.Upload(z0.AsSpan());
        return Time(repeats, () =>
        {
            z.CopyFrom(start, Points * LatentDim);
            for (int s = 0; s < Steps; s++) plan.Run(z, z, Points);
            context.Synchronize();
        });
    }

    // The torch reference's model and starts, from one seeded generator.
    private static (Sequential Encoder, Sequential Decoder, Tensor Starts) Setup()
    {
        var generator = new Generator(0);
        var (encoder, decoder) = BenchmarkModels.MlpAutoencoder(generator);
        return (encoder, decoder, Tensor.Randn(generator, Points, LatentDim));
    }

    // One warm-up pass, then the best of 2 x repeats.
    private static BenchmarkResult Time(int repeats, Action pass)
    {
        var timer = new WorkloadTimer();
        pass();
        double dt = WorkloadTimer.BestOf(pass, 2 * repeats);
        return timer.Result("latent-iterate", (double)Points * Steps / dt, "point-steps/s");
    }
}
