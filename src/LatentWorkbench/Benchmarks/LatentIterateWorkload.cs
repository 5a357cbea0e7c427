using LatentWorkbench.Engine;
using LatentWorkbench.Engine.Autograd;
using LatentWorkbench.Engine.Cuda;
using LatentWorkbench.Engine.NN;

namespace LatentWorkbench.Benchmarks;

/// <summary>
/// The latent map z -> E(D(z)) of the MLP autoencoder iterated 50 times on 10,000 points without gradients,
/// one warm-up pass, best of two (point-steps/s). Runs through the engine's gradient-free
/// <see cref="InferencePlan"/>, iterating in place in one buffer; <c>generic: true</c> times the plain
/// Module.Call path under NoGrad instead.
/// </summary>
public static class LatentIterateWorkload
{
    /// <summary>Runs the workload; the best of 2 x <paramref name="repeats"/> passes counts.</summary>
    public static BenchmarkResult Run(int repeats = 1) => Run(repeats, generic: false);

    /// <summary>Runs the workload through the plan, or through Module.Call when <paramref name="generic"/> is set.</summary>
    public static BenchmarkResult Run(int repeats, bool generic)
    {
        const int points = 10000, steps = 50;
        var generator = new Generator(0);
        var (encoder, decoder) = BenchmarkModels.MlpAutoencoder(generator);
        var z0 = Tensor.Randn(generator, points, 16);
        var plan = InferencePlan.Chain(decoder, encoder);
        var z = new float[points * 16];
        void Pass()
        {
            if (!generic)
            {
                z0.AsSpan().CopyTo(z);
                for (int s = 0; s < steps; s++) plan.Run(z, z, points);
                return;
            }
            using var _ = GradMode.NoGrad();
            var zt = z0;
            for (int s = 0; s < steps; s++) zt = encoder.Call(decoder.Call(zt));
        }
        var timer = new WorkloadTimer();
        Pass();
        double dt = WorkloadTimer.BestOf(Pass, 2 * repeats);
        return timer.Result("latent-iterate", (double)points * steps / dt, "point-steps/s");
    }

    /// <summary>
    /// The same workload on the GPU: the points stay on the device for all 50 steps (as a torch run with .cuda()
    /// would keep them), iterated in place by a <see cref="CudaInferencePlan"/>; the pass ends with a synchronize.
    /// </summary>
    public static BenchmarkResult RunCuda(int repeats = 1)
    {
        const int points = 10000, steps = 50;
        var context = CudaRuntime.Context;
        var generator = new Generator(0);
        var (encoder, decoder) = BenchmarkModels.MlpAutoencoder(generator);
        var z0 = Tensor.Randn(generator, points, 16);
        using var plan = CudaInferencePlan.Chain(decoder, encoder);
        using var start = context.Memory.Rent(points * 16);
        using var z = context.Memory.Rent(points * 16);
        start.Upload(z0.AsSpan());
        void Pass()
        {
            z.CopyFrom(start, points * 16);
            for (int s = 0; s < steps; s++) plan.Run(z, z, points);
            context.Synchronize();
        }
        var timer = new WorkloadTimer();
        Pass();
        double dt = WorkloadTimer.BestOf(Pass, 2 * repeats);
        return timer.Result("latent-iterate", (double)points * steps / dt, "point-steps/s");
    }
}
