using LatentWorkbench.Engine;
using LatentWorkbench.Engine.NN;
using LatentWorkbench.Engine.Optim;

namespace LatentWorkbench.Benchmarks;

/// <summary>
/// One epoch of the 784-512-256-16 MLP autoencoder on 60,000 uniform random samples: batch 128, MSE, AdamW
/// (lr 1e-3, weight decay 1e-4), after a 6,400-sample warm-up (samples/s).
/// </summary>
public static class MlpAutoencoderTrainWorkload
{
    /// <summary>Runs the workload; the best of <paramref name="repeats"/> epochs counts.</summary>
    public static BenchmarkResult Run(int repeats = 1)
    {
        const int samples = 60000, batch = 128, features = 784;
        var generator = new Generator(0);
        var (encoder, decoder) = BenchmarkModels.MlpAutoencoder(generator);
        var optimizer = new AdamW(encoder.Parameters().Concat(decoder.Parameters()), lr: 1e-3, weightDecay: 1e-4);
        var x = Tensor.Rand(generator, samples, features);
        void Epoch(int n)
        {
            for (int i = 0; i < n; i += batch)
            {
                using var scope = DisposeScope.Begin(); // the step's buffers return to the pool for the next one
                var xb = x.Narrow(0, i, Math.Min(batch, n - i));
                var loss = F.MseLoss(decoder.Call(encoder.Call(xb)), xb);
                optimizer.ZeroGrad();
                loss.Backward();
                optimizer.Step();
            }
        }
        var timer = new WorkloadTimer();
        Epoch(6400);
        double dt = WorkloadTimer.BestOf(() => Epoch(samples), repeats);
        return timer.Result("mlp-ae-train", samples / dt, "samples/s");
    }
}
