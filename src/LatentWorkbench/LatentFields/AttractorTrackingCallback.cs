using LatentWorkbench.Engine;
using LatentWorkbench.Models;
using LatentWorkbench.Training;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace LatentWorkbench.LatentFields;

/// <summary>Attractor statistics of one epoch (paper: attractors during training, MNIST k = 128).</summary>
public sealed record AttractorEpochStats(int Epoch, int Attractors, double Memorization, double ChamferSimilarity, double MeanStepsTrain, double MeanStepsNoise);

/// <summary>
/// After every epoch: attractors from the (re-encoded) tracked training images and from fixed Gaussian starts; their
/// count, the memorisation coefficient of the training-started attractors, the Chamfer similarity between the two
/// attractor sets, and mean convergence steps. Values also go into <see cref="EpochMetrics.Extra"/>.
/// </summary>
public sealed class AttractorTrackingCallback : ITrainingCallback
{
    private readonly IAutoencoder _model;
    private readonly Tensor _images;
    private readonly Tensor _reference;
    private readonly float[] _noise;
    private readonly AttractorOptions _options;

    /// <summary>
    /// Tracks <paramref name="model"/>, starting from the latents of <paramref name="images"/> [n, ...] and from
    /// <paramref name="noiseStarts"/> N(0, I) points; memorisation is measured against <paramref name="reference"/> images.
    /// </summary>
    public AttractorTrackingCallback(IAutoencoder model, Tensor images, Tensor reference, int noiseStarts = 500, ulong seed = 0, AttractorOptions? options = null)
    {
        _model = model ?? throw new ArgumentNullException(nameof(model));
        _images = images ?? throw new ArgumentNullException(nameof(images));
        _reference = Memorization.Flat(reference ?? throw new ArgumentNullException(nameof(reference)));
        _noise = LatentStarts.Gaussian(noiseStarts, model.LatentDim, seed);
        _options = (options ?? new AttractorOptions()) with { ComputeStability = false };
    }

    /// <summary>Statistics per finished epoch.</summary>
    public List<AttractorEpochStats> History { get; } = [];

    /// <inheritdoc/>
    public void OnEpochEnd(Trainer trainer, EpochMetrics metrics)
    {
        var map = new LatentMap(_model);
        var fromTrain = AttractorFinder.Find(map, LatentStarts.Encode(_model, _images), _options);
        var fromNoise = AttractorFinder.Find(map, _noise, _options);
        double memo = fromTrain.Count == 0 ? double.NaN
            : Memorization.MaxCosine(LatentStarts.Decode(_model, fromTrain.Attractors), _reference).Average();
        double chamfer = ChamferSimilarity(fromTrain.Attractors, fromNoise.Attractors, _model.LatentDim);
        var stats = new AttractorEpochStats(History.Count + 1, fromTrain.Count, memo, chamfer, fromTrain.Trajectories.MeanSteps, fromNoise.Trajectories.MeanSteps);
        History.Add(stats);
        metrics.Extra["attractors"] = stats.Attractors;
        metrics.Extra["memorization"] = stats.Memorization;
        metrics.Extra["chamfer"] = stats.ChamferSimilarity;
        metrics.Extra["steps_train"] = stats.MeanStepsTrain;
        metrics.Extra["steps_noise"] = stats.MeanStepsNoise;
    }

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
