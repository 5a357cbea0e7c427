using System.Text.Json.Nodes;

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

    /// <summary>
    /// Shift distances, as multiples of the embeddings' mean norm: 25 steps from 0 to 4 (the paper: 25 steps from 0
    /// to 80 in CIFAR-10 CNN feature units). At 4 mean norms linear CKA has fallen to about 0.5.
    /// </summary>
    public static double[] ShiftFractions { get; } = Enumerable.Range(0, 25).Select(i => 4.0 * i / 24).ToArray();

    /// <summary>The shifts a run uses: every third one in quick mode.</summary>
    public static double[] Fractions(bool quick) => quick ? ShiftFractions.Where((_, i) => i % 3 == 0).ToArray() : ShiftFractions;

    /// <summary>The class that is shifted (digit 0, as the paper's class 0).</summary>
    public const int ShiftedClass = 0;

    /// <summary>Anchor budgets of the retrieval sweep.</summary>
    public static int[] AnchorCounts { get; } = [5, 10, 25, 50];

    /// <inheritdoc/>
    public JsonObject Run(bool quick, ulong seed)
    {
        var setup = LfmSetup.Create(quick, seed);
        // The perturbation uses a classifier's last hidden layer, as the paper (a CIFAR-10 CNN's features).
        var classifiers = LfmClassifierSetup.Create(quick, seed, setup.Images, setup.Labels);
        var embeddings = classifiers.Embeddings;
        double scale = MeanNorm(embeddings);
        var shifts = Fractions(quick).Select(f => f * scale).ToArray();
        var curve = LfmPerturbation.Run(embeddings, setup.Labels, ShiftedClass, shifts);
        var distortion = LfmPerturbation.Distortion(embeddings, setup.Labels, ShiftedClass, shifts[^1]);
        var retrieval = LfmRetrieval.Run(setup.LatentsA, setup.LatentsB, AnchorCounts, seed);
        return new JsonObject
        {
            ["distortion"] = new JsonObject
            {
                ["shifted_class"] = ShiftedClass,
                ["most_distorted_class"] = distortion.MostDistortedClass(setup.Labels, 10),
                ["per_class"] = new JsonArray(distortion.PerClassMean(setup.Labels, 10).Select(v => (JsonNode)JsonValue.Create(v)!).ToArray()),
            },
            ["perturbation"] = new JsonArray(curve.Select(p => (JsonNode)new JsonObject { ["shift"] = p.Shift, ["cka"] = p.Cka, ["lfm"] = p.Lfm }).ToArray()),
            ["retrieval"] = new JsonArray(retrieval.Select(r => (JsonNode)new JsonObject
            {
                ["anchors"] = r.Anchors, ["lfm"] = r.Lfm, ["procrustes"] = r.Procrustes, ["relative"] = r.Relative, ["lfm_affine"] = r.LfmAffine,
            }).ToArray()),
        };
    }

    /// <summary>Mean Euclidean norm of the rows of <paramref name="points"/> [n, d] (the scale of the shifts).</summary>
    public static double MeanNorm(Engine.Tensor points)
    {
        var p = Interop.TensorInterop.ToPoints(points, nameof(points));
        double total = 0;
        for (int i = 0; i < p.Count; i++) total += System.Numerics.Tensors.TensorPrimitives.Norm(p.Row(i));
        return total / p.Count;
    }
}
