using System.Text.Json.Nodes;
using LatentWorkbench.LatentFields;

namespace LatentWorkbench.Experiments;

/// <summary>Memorisation coefficient of attractors and test error across bottleneck sizes k (the paper's conv autoencoder).</summary>
public sealed class LatentFieldMemorizationExperiment : IExperiment
{
    /// <inheritdoc/>
    public string Name => "memorization";

    /// <inheritdoc/>
    public string Description => "memorisation of attractors vs bottleneck size k (conv autoencoders; MNIST, FashionMNIST, CIFAR-10 when present)";

    /// <inheritdoc/>
    public JsonObject Run(bool quick, ulong seed) => ToJson(MemorizationSweep.Run(MemorizationSweepOptions.For(quick, seed)));

    /// <summary>{"rows": [{"dataset", "k", "attractors", "memorization_mean", "memorization_std", "null_memorization", "test_mse", "mean_image_mse", "degenerate"}]}.</summary>
    public static JsonObject ToJson(MemorizationSweepResult result)
    {
        var rows = new JsonArray();
        foreach (var r in result.Rows)
            rows.Add(new JsonObject
            {
                ["dataset"] = r.Dataset,
                ["k"] = r.K,
                ["attractors"] = r.Attractors,
                ["memorization_mean"] = ExperimentJson.Round(r.MemorizationMean),
                ["memorization_std"] = ExperimentJson.Round(r.MemorizationStd),
                ["null_memorization"] = ExperimentJson.Round(r.NullMemorization),
                ["test_mse"] = ExperimentJson.Round(r.TestMse),
                ["mean_image_mse"] = double.IsNaN(r.MeanImageMse) ? null : ExperimentJson.Round(r.MeanImageMse),
                ["degenerate"] = r.Degenerate,
            });
        return new JsonObject { ["rows"] = rows };
    }
}
