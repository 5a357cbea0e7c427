using System.Text.Json.Nodes;
using LatentWorkbench.LatentFields;

namespace LatentWorkbench.Experiments;

/// <summary>Memorisation coefficient of attractors and test error across bottleneck sizes k.</summary>
public sealed class LatentFieldMemorizationExperiment : IExperiment
{
    /// <inheritdoc/>
    public string Name => "memorization";

    /// <inheritdoc/>
    public string Description => "memorisation of attractors vs bottleneck size k (MNIST, FashionMNIST MLP autoencoders)";

    /// <inheritdoc/>
    public JsonObject Run(bool quick, ulong seed)
    {
        string[] datasets = quick ? ["mnist"] : ["mnist", "fashion-mnist"];
        int[] ks = quick ? [2, 8, 32] : [2, 4, 8, 16, 32, 64, 128];
        var rows = new JsonArray();
        foreach (var dataset in datasets)
        {
            var trainImages = LatentFieldSupport.Images(dataset, "train", quick ? 4000 : 60000, seed);
            var testImages = LatentFieldSupport.Images(dataset, "test", quick ? 500 : 2000, seed + 1);
            foreach (int k in ks)
            {
                var run = LatentFieldSupport.Model(dataset, k, quick, seed);
                var map = new LatentMap(run.Autoencoder);
                var starts = LatentStarts.Encode(run.Autoencoder, trainImages.Narrow(0, 0, quick ? 500 : 5000));
                var found = AttractorFinder.Find(map, starts, new AttractorOptions { ComputeStability = false });
                var decoded = LatentStarts.Decode(run.Autoencoder, found.Attractors);
                var report = Memorization.Evaluate(decoded, trainImages, testImages);
                rows.Add(new JsonObject
                {
                    ["dataset"] = dataset,
                    ["k"] = k,
                    ["attractors"] = found.Count,
                    ["memorization_mean"] = LatentFieldSupport.Round(report.Mean),
                    ["memorization_std"] = LatentFieldSupport.Round(report.Std),
                    ["null_memorization"] = LatentFieldSupport.Round(report.NullBaseline),
                    ["test_mse"] = LatentFieldSupport.Round(run.TestMse),
                });
            }
        }
        return new JsonObject { ["rows"] = rows };
    }
}
