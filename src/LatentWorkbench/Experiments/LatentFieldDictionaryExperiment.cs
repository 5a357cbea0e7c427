using System.Text.Json.Nodes;
using LatentWorkbench.LatentFields;

namespace LatentWorkbench.Experiments;

/// <summary>
/// The data-free dictionary: attractors reached from k orthogonalised Gaussian starts, used as OMP atoms to code
/// latents of the model's own and another dataset; baseline: the orthogonalised starts themselves.
/// </summary>
public sealed class LatentFieldDictionaryExperiment : IExperiment
{
    /// <inheritdoc/>
    public string Name => "dictionary";

    /// <inheritdoc/>
    public string Description => "data-free dictionary of attractors vs orthogonal starts, OMP reconstruction MSE by sparsity";

    /// <inheritdoc/>
    public JsonObject Run(bool quick, ulong seed)
    {
        var rows = new JsonArray();
        var result = DictionaryBenchmark.Run(DictionaryBenchmarkOptions.For(quick, seed));
        var models = new JsonArray();
        foreach (var m in result.Models)
        {
            var model = ExperimentJson.Model(m.Run, m.MeanImage);
            model["distinct_atoms"] = m.DistinctAtoms;
            models.Add(model);
        }
        foreach (var r in result.Rows)
            rows.Add(new JsonObject
            {
                ["model_dataset"] = r.ModelDataset,
                ["target_dataset"] = r.TargetDataset,
                ["sparsity"] = r.Sparsity,
                ["mse_attractors"] = ExperimentJson.Round(r.AttractorMse, 7),
                ["mse_orthogonal"] = ExperimentJson.Round(r.OrthogonalMse, 7),
            });
        return new JsonObject { ["models"] = models, ["rows"] = rows };
    }
}
