using System.Text.Json.Nodes;
using LatentWorkbench.LatentFields;

namespace LatentWorkbench.Experiments;

/// <summary>
/// Why the trajectory OOD score trails kNN (MNIST in) and falls below chance (Fashion-MNIST in): the controlled
/// experiment <see cref="OodAblation"/> on the <c>ood</c> experiment's models, both directions.
/// </summary>
public sealed class WhyOodExperiment : IExperiment
{
    /// <inheritdoc/>
    public string Name => "why-ood";

    /// <inheritdoc/>
    public string Description => "why the OOD trajectory score disagrees: attractor count, normalisation, path length, starts, bottleneck (one factor each)";

    /// <inheritdoc/>
    public JsonObject Run(bool quick, ulong seed)
    {
        var rows = new JsonArray();
        var models = new JsonArray();
        var directions = new JsonArray();
        foreach (var (inData, outData) in new[] { ("mnist", "fashion-mnist"), ("fashion-mnist", "mnist") })
        {
            var options = OodAblation.Options(inData, quick, seed);
            var result = OodAblation.Run(outData, options);
            models.Add(ExperimentJson.Model(ModelCache.TrainOrLoad(options.Recipe, options.ModelDirectory)));
            foreach (var model in result.BottleneckModels) models.Add(ExperimentJson.Model(model));
            directions.Add(new JsonObject
            {
                ["in"] = inData,
                ["out"] = outData,
                ["knn_auroc"] = ExperimentJson.Round(result.KnnAuroc, 4),
                ["control_auroc"] = ExperimentJson.Round(result.Control.Auroc, 4),
                ["in_paths"] = Shape(result.In),
                ["out_paths"] = Shape(result.Out),
            });
            foreach (var condition in result.Conditions)
            {
                rows.Add(new JsonObject
                {
                    ["in"] = inData,
                    ["out"] = outData,
                    ["condition"] = condition.Name,
                    ["factor"] = Factor(condition.Factor),
                    ["attractors"] = condition.Attractors,
                    ["auroc"] = ExperimentJson.Round(condition.Auroc, 4),
                    // Paired with the control on the same seed's model, so its spread over seeds is the factor's, not the model's.
                    ["auroc_delta"] = ExperimentJson.Round(condition.Auroc - result.Control.Auroc, 4),
                    ["fpr95"] = ExperimentJson.Round(condition.Fpr95, 4),
                    ["mean_in"] = ExperimentJson.Round(condition.MeanIn, 4),
                    ["mean_out"] = ExperimentJson.Round(condition.MeanOut, 4),
                });
            }
        }
        return new JsonObject { ["models"] = models, ["directions"] = directions, ["rows"] = rows };
    }

    /// <summary>The JSON name of a factor (the hypotheses select rows by it).</summary>
    public static string Factor(OodFactor factor) => factor switch
    {
        OodFactor.Control => "control",
        OodFactor.AttractorCount => "attractor-count",
        OodFactor.Normalisation => "normalisation",
        OodFactor.PathLength => "path-length",
        OodFactor.Starts => "starts",
        OodFactor.Bottleneck => "bottleneck",
        OodFactor.Reference => "reference",
        _ => throw new ArgumentOutOfRangeException(nameof(factor), factor, "unknown factor"),
    };

    private static JsonObject Shape(OodPathShape shape) => new()
    {
        ["latent_norm"] = ExperimentJson.Round(shape.LatentNorm, 4),
        ["start_distance"] = ExperimentJson.Round(shape.StartDistance, 4),
        ["end_distance"] = ExperimentJson.Round(shape.EndDistance, 4),
        ["path_score"] = ExperimentJson.Round(shape.PathScore, 4),
        ["steps"] = ExperimentJson.Round(shape.Steps, 1),
        ["converged_fraction"] = ExperimentJson.Round(shape.ConvergedFraction, 4),
        ["ends_at_attractor_fraction"] = ExperimentJson.Round(shape.EndsAtAttractorFraction, 4),
    };
}
