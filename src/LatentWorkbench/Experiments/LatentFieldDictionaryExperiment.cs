using System.Text.Json.Nodes;
using LatentWorkbench.Engine;
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
        int k = quick ? 32 : 64;
        string[] datasets = ["mnist", "fashion-mnist"];
        var rows = new JsonArray();
        foreach (var modelDataset in datasets)
        {
            var run = LatentFieldSupport.Model(modelDataset, k, quick, seed);
            var result = DataFreeDictionary.Build(run.Autoencoder, seed);
            foreach (var target in datasets)
            {
                var images = LatentFieldSupport.Images(target, "test", quick ? 300 : 2000, seed + 2);
                foreach (var (sparsity, attractorMse, baselineMse) in result.Evaluate(images, SparsityLevels(k)))
                    rows.Add(new JsonObject
                    {
                        ["model_dataset"] = modelDataset,
                        ["target_dataset"] = target,
                        ["sparsity"] = sparsity,
                        ["mse_attractors"] = LatentFieldSupport.Round(attractorMse, 7),
                        ["mse_orthogonal"] = LatentFieldSupport.Round(baselineMse, 7),
                    });
            }
        }
        return new JsonObject { ["rows"] = rows };
    }

    /// <summary>5% of the atoms (the paper's headline), plus 10%, 25% and 50%.</summary>
    public static int[] SparsityLevels(int atoms) =>
        new[] { 0.05, 0.10, 0.25, 0.5 }.Select(f => Math.Max(1, (int)Math.Round(f * atoms))).Distinct().ToArray();
}
