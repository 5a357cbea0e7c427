using System.Text.Json.Nodes;
using LatentWorkbench.Koopman;

namespace LatentWorkbench.Experiments;

/// <summary>
/// Koopman autoencoders of representation dynamics: classifier vs surrogate test accuracy on Yin-Yang and MNIST, and
/// beta_0 of MNIST test states across the classifier's layers and the decoded Koopman iterates psi(phi(x0) K^i).
/// </summary>
public sealed class KoopmanExperiment : IExperiment
{
    /// <summary>Scale at which the paper reads beta_0 of classifier layers (10,000 MNIST test points).</summary>
    public const double LayerEpsilon = 0.166;
    /// <summary>Scale at which the paper reads beta_0 of decoded iterates.</summary>
    public const double IterateEpsilon = 0.14;

    /// <inheritdoc/>
    public string Name => "koopman";

    /// <inheritdoc/>
    public string Description => "Koopman surrogate of a residual MLP's layer dynamics (accuracy, beta_0 across layers and iterations)";

    /// <inheritdoc/>
    public JsonObject Run(bool quick, ulong seed)
    {
        var yin = KoopmanStudy.Run(KoopmanStudyConfig.YinYang(quick, seed));
        var mnist = KoopmanStudy.Run(KoopmanStudyConfig.Mnist(quick, seed));
        var (layers, iterations) = Thresholds(mnist);
        return new JsonObject
        {
            ["yinyang"] = Accuracies(yin),
            ["mnist"] = Accuracies(mnist),
            ["betti0_mlp_layers"] = ToJson(LayerBetti0(mnist)),
            ["betti0_kae_iterations"] = ToJson(IterateBetti0(mnist)),
            ["betti0_thresholds"] = new JsonObject { ["layers"] = layers, ["iterations"] = iterations },
        };
    }

    /// <summary>Classifier and surrogate test accuracy of a study.</summary>
    public static JsonObject Accuracies(KoopmanStudy study) => new()
    {
        ["mlp_accuracy"] = ClassifierTraining.Accuracy(study.ClassifierPredictions(), study.TestLabels),
        ["kae_accuracy"] = ClassifierTraining.Accuracy(study.SurrogatePredictions(), study.TestLabels),
    };

    /// <summary>
    /// The thresholds at which beta_0 is read for the study's layers and iterates: the configured ones (the paper's in
    /// full mode), else one data-relative threshold for both (<see cref="KoopmanTopology.DataThreshold"/> of the first layer).
    /// </summary>
    public static (double Layers, double Iterations) Thresholds(KoopmanStudy study)
    {
        var config = study.Config;
        if (config.LayerThreshold is { } l && config.IterateThreshold is { } i) return (l, i);
        double data = KoopmanTopology.DataThreshold(study.TestLayers[0], KoopmanTopology.Scale(study));
        return (config.LayerThreshold ?? data, config.IterateThreshold ?? data);
    }

    /// <summary>beta_0 of the test states of every classifier layer.</summary>
    public static int[] LayerBetti0(KoopmanStudy study) =>
        KoopmanTopology.Betti0(study.TestLayers, Thresholds(study).Layers, KoopmanTopology.Scale(study));

    /// <summary>beta_0 of the decoded Koopman iterates i = 0..k of the test set.</summary>
    public static int[] IterateBetti0(KoopmanStudy study) =>
        KoopmanTopology.Betti0(study.TestIterates(), Thresholds(study).Iterations, KoopmanTopology.Scale(study));

    private static JsonArray ToJson(int[] values)
    {
        var array = new JsonArray();
        foreach (int v in values) array.Add(v);
        return array;
    }
}
