using System.Text.Json.Nodes;
using LatentWorkbench.LatentFields;
using LatentWorkbench.Metrics;

namespace LatentWorkbench.Experiments;

/// <summary>OOD detection with latent trajectories (MNIST in, FashionMNIST out and the reverse) against three baselines.</summary>
public sealed class LatentFieldOodExperiment : IExperiment
{
    /// <inheritdoc/>
    public string Name => "ood";

    /// <inheritdoc/>
    public string Description => "OOD detection: trajectory distance to training attractors vs kNN, reconstruction, Mahalanobis";

    /// <summary>The methods the JSON rows report (the paper's score and its three baselines); the notebook also shows the field norm.</summary>
    public static readonly IReadOnlyList<string> ReportedMethods = ["trajectory", "knn", "reconstruction", "mahalanobis"];

    /// <inheritdoc/>
    public JsonObject Run(bool quick, ulong seed)
    {
        var rows = new JsonArray();
        var models = new JsonArray();
        foreach (var (inData, outData) in new[] { ("mnist", "fashion-mnist"), ("fashion-mnist", "mnist") })
        {
            var options = OodBenchmark.Options(inData, OodBenchmark.DefaultLatentDim, quick, seed);
            var result = OodBenchmark.Run(outData, options);
            models.Add(ExperimentJson.Model(result.Model));
            foreach (var (method, inScores, outScores) in result.Scores)
            {
                if (!ReportedMethods.Contains(method)) continue;
                rows.Add(new JsonObject
                {
                    ["in"] = inData,
                    ["out"] = outData,
                    ["method"] = method,
                    ["auroc"] = ExperimentJson.Round(DetectionMetrics.Auroc(inScores, outScores), 4),
                    ["fpr95"] = ExperimentJson.Round(DetectionMetrics.Fpr95(inScores, outScores), 4),
                });
            }
        }
        return new JsonObject { ["models"] = models, ["rows"] = rows };
    }
}
