using LatentWorkbench.Engine;
using LatentWorkbench.Engine.NN;
using LatentWorkbench.Engine.Optim;

namespace LatentWorkbench.Benchmarks;

/// <summary>
/// The convolutional autoencoder on 6,400 uniform random 28x28 images: batch 128, MSE, Adam (lr 1e-3), after a
/// 1,280-sample warm-up, best of two epochs (samples/s).
/// </summary>
public static class ConvAutoencoderTrainWorkload
{
    /// <summary>Runs the workload; the best of 2 x <paramref name="repeats"/> epochs counts.</summary>
    public static BenchmarkResult Run(int repeats = 1)
    {
        const int samples = 6400, batch = 128;
        var generator = new Generator(0);
        var model = BenchmarkModels.ConvAutoencoder(generator);
        var optimizer = new Adam(model.Parameters(), lr: 1e-3);
        var x = Tensor.Rand(generator, samples, 1, 28, 28);
        void Epoch(int n)
        {
            for (int i = 0; i < n; i += batch)
            {
                using var scope = DisposeScope.Begin(); // the step's buffers return to the pool for the next one
                var xb = x.Narrow(0, i, Math.Min(batch, n - i));
                var loss = F.MseLoss(model.Call(xb), xb);
                optimizer.ZeroGrad();
                loss.Backward();
                optimizer.Step();
            }
        }
        var timer = new WorkloadTimer();
        Epoch(1280);
        double dt = WorkloadTimer.BestOf(() => Epoch(samples), 2 * repeats);
        return timer.Result("conv-ae-train", samples / dt, "samples/s");
    }
}
