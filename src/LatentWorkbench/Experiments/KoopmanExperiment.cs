using System.Text.Json.Nodes;
using LatentWorkbench.Koopman;

namespace LatentWorkbench.Experiments;

/// <summary>
/// Koopman autoencoders of representation dynamics: classifier vs surrogate test accuracy on Yin-Yang and MNIST, and
/// beta_0 of MNIST test states across the classifier's layers and the decoded Koopman iterates psi(phi(x0) K^i).
/// </summary>
public sealed class KoopmanExperiment : IExperiment
{
    /// <inheritdoc/>
    public string Name => "koopman";

    /// <inheritdoc/>
    public string Description => "Koopman surrogate of a residual MLP's layer dynamics (accuracy, beta_0 across layers and iterations)";

    /// <inheritdoc/>
    public JsonObject Run(bool quick, ulong seed)
    {
        var yin = KoopmanStudyCache.RunOrLoad(KoopmanStudyConfig.YinYang(quick, seed));
        var mnist = KoopmanStudyCache.RunOrLoad(KoopmanStudyConfig.Mnist(quick, seed));
        var betti = BettiAcrossLayers.Run(mnist);
        return new JsonObject
        {
            ["yinyang"] = ToJson(StudyAccuracy.Measure(yin)),
            ["mnist"] = ToJson(StudyAccuracy.Measure(mnist)),
            ["betti0_mlp_layers"] = ExperimentJson.Array(betti.Layers),
            ["betti0_kae_iterations"] = ExperimentJson.Array(betti.Iterations),
            ["betti0_thresholds"] = new JsonObject { ["layers"] = betti.LayerThreshold, ["iterations"] = betti.IterateThreshold },
        };
    }

    private static JsonObject ToJson(StudyAccuracy accuracy) => new()
    {
        ["mlp_accuracy"] = accuracy.Classifier,
        ["kae_accuracy"] = accuracy.Surrogate,
    };
}
