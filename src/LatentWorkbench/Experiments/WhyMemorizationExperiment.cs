using System.Text.Json.Nodes;
using LatentWorkbench.LatentFields;

namespace LatentWorkbench.Experiments;

/// <summary>
/// The controlled experiment behind our memorisation disagreement (<see cref="MemorizationAblation"/>): the sweep's conv
/// recipe at k = 2 and 128 against the MLP, a smaller training set, longer training, and the metric on 28 x 28 pixels.
/// </summary>
public sealed class WhyMemorizationExperiment : IExperiment
{
    /// <inheritdoc/>
    public string Name => "why-memorization";

    /// <inheritdoc/>
    public string Description => "why memorisation disagrees: metric layout, conv vs MLP, training-set size, training length (MNIST, k = 2 and 128)";

    /// <inheritdoc/>
    public JsonObject Run(bool quick, ulong seed) => ToJson(MemorizationAblation.Run(MemorizationAblationOptions.For(quick, seed)));

    /// <summary>
    /// {"conditions": [{"condition", "factor", "architecture", "k", "train_samples", "epochs", "attractors", "converged_fraction",
    /// "memorization_mean", "memorization_std", "null_memorization", "memorization_unpadded", "null_unpadded", "test_mse",
    /// "mean_image_mse", "degenerate"}]}; factor is control, architecture, training-set-size or training-length.
    /// </summary>
    public static JsonObject ToJson(MemorizationAblationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var conditions = new JsonArray();
        foreach (var c in result.Conditions)
            conditions.Add(new JsonObject
            {
                ["condition"] = c.Name,
                ["factor"] = FactorName(c.Factor),
                ["architecture"] = c.Architecture.ToString().ToLowerInvariant(),
                ["k"] = c.K,
                ["train_samples"] = c.TrainSamples,
                ["epochs"] = c.Epochs,
                ["attractors"] = c.Attractors,
                ["converged_fraction"] = ExperimentJson.Round(c.ConvergedFraction),
                ["memorization_mean"] = ExperimentJson.Round(c.Memorization),
                ["memorization_std"] = ExperimentJson.Round(c.MemorizationStd),
                ["null_memorization"] = ExperimentJson.Round(c.NullMemorization),
                ["memorization_unpadded"] = ExperimentJson.Round(c.MemorizationUnpadded),
                ["null_unpadded"] = ExperimentJson.Round(c.NullUnpadded),
                ["test_mse"] = ExperimentJson.Round(c.TestMse),
                ["mean_image_mse"] = ExperimentJson.Round(c.MeanImageMse),
                ["degenerate"] = c.Degenerate,
            });
        return new JsonObject { ["conditions"] = conditions };
    }

    /// <summary>The factor's name in the JSON (what the hypotheses select rows by).</summary>
    public static string FactorName(MemorizationFactor factor) => factor switch
    {
        MemorizationFactor.Control => "control",
        MemorizationFactor.Architecture => "architecture",
        MemorizationFactor.TrainingSetSize => "training-set-size",
        MemorizationFactor.TrainingLength => "training-length",
        _ => throw new ArgumentOutOfRangeException(nameof(factor), factor, "unknown factor"),
    };
}
