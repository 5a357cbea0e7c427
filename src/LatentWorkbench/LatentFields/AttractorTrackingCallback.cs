using LatentWorkbench.Engine;
using LatentWorkbench.Metrics;
using LatentWorkbench.Models;
using LatentWorkbench.Training;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace LatentWorkbench.LatentFields;

/// <summary>
/// Attractor statistics after one epoch (epoch 0 = before training; paper: attractors during training, MNIST k = 128).
/// <paramref name="Fpr95"/> separates noise-started from training-started trajectories by their number of steps
/// (noise = positive class): the fraction of training starts that take at least as long as the 95% slowest noise starts.
/// <paramref name="TestMse"/> is NaN at epoch 0 (the trainer evaluates after epochs only).
/// </summary>
/// <param name="Epoch">The epoch just finished (0: before training).</param>
/// <param name="Attractors">Distinct attractors reached from the tracked training images.</param>
/// <param name="NoiseAttractors">Distinct attractors reached from the N(0, I) starts.</param>
/// <param name="Memorization">Mean over training-started attractors of the best cosine of D(z*) to a reference image.</param>
/// <param name="ChamferSimilarity">Symmetric Chamfer cosine similarity of the two attractor sets (1: every attractor has a parallel partner).</param>
/// <param name="MeanStepsTrain">Mean steps to converge from the training latents.</param>
/// <param name="MeanStepsNoise">Mean steps to converge from the N(0, I) starts.</param>
/// <param name="Fpr95">FPR at 95% TPR of telling noise-started from training-started trajectories by their steps.</param>
/// <param name="TestMse">The model's test MSE after the epoch (NaN at epoch 0).</param>
public sealed record AttractorEpochStats(int Epoch, int Attractors, int NoiseAttractors, double Memorization, double ChamferSimilarity,
    double MeanStepsTrain, double MeanStepsNoise, double Fpr95, double TestMse);

/// <summary>
/// Before training and after every epoch: attractors from the (re-encoded) tracked training images and from fixed
/// Gaussian starts; their count, the memorisation coefficient of the training-started attractors, the Chamfer
/// similarity between the two attractor sets, mean convergence steps, and the FPR95 of telling noise-started from
/// training-started trajectories by their length. Values also go into <see cref="EpochMetrics.Extra"/>.
/// </summary>
public sealed class AttractorTrackingCallback : ITrainingCallback
{
    private readonly IAutoencoder _model;
    private readonly Tensor _images;
    private readonly Tensor _reference;
    private readonly float[] _noise;
    private readonly AttractorOptions _options;
    private readonly int _every;

    /// <summary>
    /// Tracks <paramref name="model"/>, starting from the latents of <paramref name="images"/> [n, ...InputShape] and from
    /// <paramref name="noiseStarts"/> N(0, I) points; memorisation is measured against <paramref name="reference"/> images
    /// [N, ...InputShape] (the same layout). Stability is never computed here (it is not tracked and costs k backward passes).
    /// Epoch 0 and every <paramref name="every"/>-th epoch are observed: runs of hundreds of epochs cannot afford an
    /// attractor search after each one.
    /// </summary>
    public AttractorTrackingCallback(IAutoencoder model, Tensor images, Tensor reference, int noiseStarts = 500, ulong seed = 0, AttractorOptions? options = null, int every = 1)
    {
        if (every < 1) throw new ArgumentOutOfRangeException(nameof(every), every, "observe at least every epoch (every >= 1)");
        _every = every;
        _model = model ?? throw new ArgumentNullException(nameof(model));
        _images = images ?? throw new ArgumentNullException(nameof(images));
        if (images.Shape[0] < 1) throw new ArgumentException("need at least one tracked training image", nameof(images));
        if (noiseStarts < 1) throw new ArgumentOutOfRangeException(nameof(noiseStarts), noiseStarts, "need at least one noise start");
        _reference = Memorization.Flat(reference ?? throw new ArgumentNullException(nameof(reference)));
        _noise = LatentStarts.Gaussian(noiseStarts, model.LatentDim, seed);
        _options = (options ?? new AttractorOptions()) with { ComputeStability = false };
    }

    /// <summary>Statistics per observed epoch, starting with epoch 0 when training started fresh.</summary>
    public List<AttractorEpochStats> History { get; } = [];

    /// <inheritdoc/>
    public void OnTrainingStart(Trainer trainer) => History.Add(Observe(0, double.NaN));

    /// <inheritdoc/>
    public void OnEpochEnd(Trainer trainer, EpochMetrics metrics)
    {
        if (metrics.Epoch % _every != 0) return;
        var stats = Observe(metrics.Epoch, metrics.TestLoss ?? double.NaN);
        History.Add(stats);
        metrics.Extra["attractors"] = stats.Attractors;
        metrics.Extra["memorization"] = stats.Memorization;
        metrics.Extra["chamfer"] = stats.ChamferSimilarity;
        metrics.Extra["steps_train"] = stats.MeanStepsTrain;
        metrics.Extra["steps_noise"] = stats.MeanStepsNoise;
        metrics.Extra["fpr95_noise"] = stats.Fpr95;
    }

    /// <summary>Measures the model as it is now.</summary>
    public AttractorEpochStats Observe(int epoch, double testMse)
    {
        var map = new LatentMap(_model);
        var fromTrain = AttractorFinder.Find(map, LatentStarts.Encode(_model, _images), _options);
        var fromNoise = AttractorFinder.Find(map, _noise, _options);
        double memo = fromTrain.Count == 0 ? double.NaN
            : Memorization.MaxCosine(LatentStarts.Decode(_model, fromTrain.Attractors), _reference).Average();
        double chamfer = ChamferSimilarity(fromTrain.Attractors, fromNoise.Attractors, _model.LatentDim);
        double fpr95 = DetectionMetrics.Fpr95(Steps(fromTrain.Trajectories), Steps(fromNoise.Trajectories));
        return new AttractorEpochStats(epoch, fromTrain.Count, fromNoise.Count, memo, chamfer,
            fromTrain.Trajectories.MeanSteps, fromNoise.Trajectories.MeanSteps, fpr95, testMse);
    }

    private static double[] Steps(TrajectoryResult t) => Array.ConvertAll(t.Steps, s => (double)s);

    /// <summary>
    /// Symmetric Chamfer similarity of two point sets [m * k]: the average of (mean over a in A of the best cosine to B)
    /// and the same from B to A; 1 when every point has a parallel partner in the other set.
    /// </summary>
    public static double ChamferSimilarity(ReadOnlySpan<float> a, ReadOnlySpan<float> b, int k)
    {
        if (a.IsEmpty || b.IsEmpty) return double.NaN;
        return (OneWay(a, b, k) + OneWay(b, a, k)) / 2;
    }

    private static double OneWay(ReadOnlySpan<float> a, ReadOnlySpan<float> b, int k)
    {
        double sum = 0;
        int na = a.Length / k, nb = b.Length / k;
        for (int i = 0; i < na; i++)
        {
            double best = double.NegativeInfinity;
            for (int j = 0; j < nb; j++) best = Math.Max(best, TensorPrimitives.CosineSimilarity(a.Slice(i * k, k), b.Slice(j * k, k)));
            sum += best;
        }
        return sum / na;
    }
}
