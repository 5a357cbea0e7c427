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

    /// <summary>Shift distances, as multiples of the mean latent norm: 25 steps from 0 to 2.</summary>
    public static double[] ShiftFractions { get; } = Enumerable.Range(0, 25).Select(i => 2.0 * i / 24).ToArray();

    /// <summary>Anchor budgets of the retrieval sweep.</summary>
    public static int[] AnchorCounts { get; } = [5, 10, 25, 50];

    /// <inheritdoc/>
    public JsonObject Run(bool quick, ulong seed)
    {
        var setup = LfmSetup.Create(quick, seed);
        double scale = MeanNorm(setup.LatentsA);
        var shifts = (quick ? ShiftFractions.Where((_, i) => i % 3 == 0) : ShiftFractions).Select(f => f * scale).ToArray();
        var curve = LfmPerturbation.Run(setup.LatentsA, setup.Labels, 0, shifts);
        var retrieval = LfmRetrieval.Run(setup.LatentsA, setup.LatentsB, AnchorCounts, seed);
        return new JsonObject
        {
            ["perturbation"] = new JsonArray(curve.Select(p => (JsonNode)new JsonObject { ["shift"] = p.Shift, ["cka"] = p.Cka, ["lfm"] = p.Lfm }).ToArray()),
            ["retrieval"] = new JsonArray(retrieval.Select(r => (JsonNode)new JsonObject
            {
                ["anchors"] = r.Anchors, ["lfm"] = r.Lfm, ["procrustes"] = r.Procrustes, ["relative"] = r.Relative,
            }).ToArray()),
        };
    }

    /// <summary>Mean Euclidean norm of the points (the scale of the shifts).</summary>
    public static double MeanNorm(Graphs.PointSet points)
    {
        double total = 0;
        for (int i = 0; i < points.Count; i++) total += System.Numerics.Tensors.TensorPrimitives.Norm(points.Row(i));
        return total / points.Count;
    }
}
