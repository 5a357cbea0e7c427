using LatentWorkbench.Engine;
using LatentWorkbench.Engine.Autograd;

namespace LatentWorkbench.Benchmarks;

/// <summary>
/// The latent map z -> E(D(z)) of the MLP autoencoder iterated 50 times on 10,000 points without gradients,
/// one warm-up pass, best of two (point-steps/s).
/// </summary>
public static class LatentIterateWorkload
{
    /// <summary>Runs the workload; the best of 2 x <paramref name="repeats"/> passes counts.</summary>
    public static BenchmarkResult Run(int repeats = 1)
    {
        const int points = 10000, steps = 50;
        var generator = new Generator(0);
        var (encoder, decoder) = BenchmarkModels.MlpAutoencoder(generator);
        var z0 = Tensor.Randn(generator, points, 16);
        void Pass()
        {
            using var _ = GradMode.NoGrad();
            var z = z0;
            for (int s = 0; s < steps; s++) z = encoder.Call(decoder.Call(z));
        }
        var timer = new WorkloadTimer();
        Pass();
        double dt = WorkloadTimer.BestOf(Pass, 2 * repeats);
        return timer.Result("latent-iterate", (double)points * steps / dt, "point-steps/s");
    }
}
