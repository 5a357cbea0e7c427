using LatentWorkbench.Training;

namespace LatentWorkbench.LatentFields;

/// <summary>A model trained under an <see cref="AttractorTrackingCallback"/>, and what the callback recorded (epoch 0 first).</summary>
/// <param name="Run">The trained model, its recipe and test MSE.</param>
/// <param name="History">One entry per observed epoch [observed epochs], epoch 0 (before training) first.</param>
public sealed record AttractorDynamicsResult(AutoencoderRun Run, IReadOnlyList<AttractorEpochStats> History);

/// <summary>
/// Trains a model with attractor tracking (always trains: the tracked history is what is wanted, so the model cache is
/// bypassed) and returns the per-epoch statistics.
/// </summary>
/// <example><code>
/// var result = AttractorDynamics.Run(AttractorDynamicsOptions.Quick(MemorizationSweepOptions.Quick()));
/// foreach (var epoch in result.History)
///     Console.WriteLine($"epoch {epoch.Epoch}: {epoch.Attractors} attractors, memorisation {epoch.Memorization:F3}");
/// </code></example>
public static class AttractorDynamics
{
    /// <summary>Trains <see cref="AttractorDynamicsOptions.Recipe"/> and records attractor statistics before training and after every <see cref="AttractorDynamicsOptions.ObserveEvery"/>-th epoch.</summary>
    public static AttractorDynamicsResult Run(AttractorDynamicsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.TrackedImages < 1) throw new ArgumentOutOfRangeException(nameof(options), options.TrackedImages, "TrackedImages must be at least 1");
        if (options.ObserveEvery < 1) throw new ArgumentOutOfRangeException(nameof(options), options.ObserveEvery, "ObserveEvery must be at least 1");
        var recipe = options.Recipe;
        var train = recipe.LoadSplit("train");
        var tracked = LatentFieldSetup.ModelInputs(options.TrackedImages < train.Count ? train.Subset(options.TrackedImages, recipe.Seed + 11) : train, recipe.Transform);
        var reference = LatentFieldSetup.ModelInputs(options.ReferenceImages is int n && n < train.Count ? train.Subset(n, recipe.Seed + 12) : train, recipe.Transform);
        AttractorTrackingCallback? callback = null;
        var training = options.PrintTraining ? null : new TrainingOptions { Epochs = recipe.Epochs, ShowProgress = false, PrintEpochSummary = false };
        var run = recipe.Train(options: training, callbacks: model =>
        {
            callback = new AttractorTrackingCallback(model, tracked, reference, options.NoiseStarts, recipe.Seed + 13, options.Attractors, options.ObserveEvery);
            return [callback];
        });
        return new AttractorDynamicsResult(run, callback!.History);
    }
}
