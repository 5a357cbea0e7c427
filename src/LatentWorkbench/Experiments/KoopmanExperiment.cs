using System.Text.Json.Nodes;
using LatentWorkbench.Koopman;
using LatentWorkbench.Topology;

namespace LatentWorkbench.Experiments;

/// <summary>
/// Koopman autoencoders of representation dynamics: classifier vs surrogate test accuracy on Yin-Yang and MNIST, and
/// beta_0 of MNIST test states across the classifier's layers (eps 0.166) and the decoded Koopman iterates (eps 0.14).
/// </summary>
public sealed class KoopmanExperiment : IExperiment
{
    /// <summary>Scale at which beta_0 of classifier layers is read (paper).</summary>
    public const double LayerEpsilon = 0.166;
    /// <summary>Scale at which beta_0 of decoded iterates is read (paper).</summary>
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
        return new JsonObject
        {
            ["yinyang"] = Accuracies(yin),
            ["mnist"] = Accuracies(mnist),
            ["betti0_mlp_layers"] = ToJson(Betti0PerLayer(mnist.TestLayers, LayerEpsilon)),
            ["betti0_kae_iterations"] = ToJson(Betti0PerLayer(mnist.TestIterates(), IterateEpsilon)),
        };
    }

    /// <summary>Classifier and surrogate test accuracy of a study.</summary>
    public static JsonObject Accuracies(KoopmanStudy study) => new()
    {
        ["mlp_accuracy"] = ClassifierTraining.Accuracy(study.ClassifierPredictions(), study.TestLabels),
        ["kae_accuracy"] = ClassifierTraining.Accuracy(study.SurrogatePredictions(), study.TestLabels),
    };

    /// <summary>
    /// beta_0 at <paramref name="epsilon"/> of each point cloud [n, d], after centring it and scaling it to unit RMS row norm:
    /// the paper's ||X||_F = 100 on its 10,000 test points, so that its epsilons keep their meaning for other n.
    /// </summary>
    public static int[] Betti0PerLayer(IReadOnlyList<Engine.Tensor> clouds, double epsilon)
    {
        var result = new int[clouds.Count];
        for (int i = 0; i < clouds.Count; i++) result[i] = PersistenceH0.Betti0(DeathTimes(clouds[i]), epsilon);
        return result;
    }

    /// <summary>H0 death times of a cloud normalised as in <see cref="Betti0PerLayer"/>.</summary>
    public static double[] DeathTimes(Engine.Tensor cloud)
    {
        var c = cloud.Contiguous();
        int n = c.Size(0), d = c.Size(1);
        var centred = c - c.Mean(0, keepDim: true);
        float rms = MathF.Sqrt(centred.Pow(2f).Sum().Item() / Math.Max(n, 1));
        var normalised = (centred * (1f / Math.Max(rms, 1e-12f))).Contiguous();
        return PersistenceH0.DeathTimes(normalised.ToArray(), n, d);
    }

    private static JsonArray ToJson(int[] values)
    {
        var array = new JsonArray();
        foreach (int v in values) array.Add(v);
        return array;
    }
}
