using System.Text.Json.Nodes;
using LatentWorkbench.FunctionalMaps;

namespace LatentWorkbench.Experiments;

/// <summary>
/// Latent Functional Maps (Fumero et al. 2024): the perturbation curve (LFM similarity vs linear CKA) and
/// retrieval between two MNIST autoencoders aligned from few anchors (LFM vs Procrustes vs relative representations).
/// </summary>
public sealed class LfmExperiment : IExperiment
{
    /// <inheritdoc/>
    public string Name => "lfm";

    /// <inheritdoc/>
    public string Description => "Latent functional maps: similarity under class perturbation and few-anchor retrieval between two MNIST autoencoders";

    /// <inheritdoc/>
    public JsonObject Run(bool quick, ulong seed)
    {
        var setup = LfmSetup.Create(quick, seed);
        // The perturbation uses a classifier's last hidden layer, as the paper (a CIFAR-10 CNN's features).
        var classifiers = LfmClassifierSetup.Create(quick, seed, setup.Images, setup.Labels);
        var options = LfmPerturbationOptions.For(quick);
        var perturbation = LfmPerturbation.Run(classifiers.Embeddings, setup.Labels, options);
        var distortion = LfmPerturbation.Distortion(classifiers.Embeddings, setup.Labels, options, perturbation.LargestShift);
        var retrieval = LfmRetrieval.Run(setup.LatentsA, setup.LatentsB, LfmRetrieval.DefaultAnchorCounts, seed);
        return new JsonObject
        {
            ["models"] = new JsonArray(ExperimentJson.Model(setup.A), ExperimentJson.Model(setup.B)),
            ["distortion"] = new JsonObject
            {
                ["shifted_class"] = options.ShiftedClass,
                ["most_distorted_class"] = distortion.MostDistortedClass(setup.Labels, 10),
                ["per_class"] = ExperimentJson.Array(distortion.PerClassMean(setup.Labels, 10)),
            },
            ["perturbation"] = new JsonArray(perturbation.Curve.Select(p => (JsonNode)new JsonObject { ["shift"] = p.Shift, ["cka"] = p.Cka, ["lfm"] = p.Lfm }).ToArray()),
            ["retrieval"] = new JsonArray(retrieval.Select(r => (JsonNode)new JsonObject
            {
                ["anchors"] = r.Anchors, ["lfm"] = r.Lfm, ["procrustes"] = r.Procrustes, ["relative"] = r.Relative, ["lfm_affine"] = r.LfmAffine,
            }).ToArray()),
        };
    }
}
