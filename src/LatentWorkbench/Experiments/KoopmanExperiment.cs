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
            ["betti0_mlp_layers"] = ToJson(Betti0PerLayer(mnist.TestLayers, LayerEpsilon, PaperScale(mnist))),
            ["betti0_kae_iterations"] = ToJson(Betti0PerLayer(mnist.TestIterates(), IterateEpsilon, PaperScale(mnist))),
        };
    }

    /// <summary>Classifier and surrogate test accuracy of a study.</summary>
    public static JsonObject Accuracies(KoopmanStudy study) => new()
    {
        ["mlp_accuracy"] = ClassifierTraining.Accuracy(study.ClassifierPredictions(), study.TestLabels),
        ["kae_accuracy"] = ClassifierTraining.Accuracy(study.SurrogatePredictions(), study.TestLabels),
    };

    /// <summary>
    /// beta_0 at <paramref name="epsilon"/> of each point cloud [n, d] after multiplying every cloud by the same
    /// <paramref name="scale"/>. Use <see cref="PaperScale"/>: the preprocessing fixes ||X||_F = 100 on the fitting set, and
    /// the paper's epsilons refer to 10,000 points, i.e. unit RMS row norm; one common factor keeps the iterates comparable.
    /// </summary>
    public static int[] Betti0PerLayer(IReadOnlyList<Engine.Tensor> clouds, double epsilon, double scale)
    {
        var result = new int[clouds.Count];
        for (int i = 0; i < clouds.Count; i++) result[i] = PersistenceH0.Betti0(DeathTimes(clouds[i], scale), epsilon);
        return result;
    }

    /// <summary>sqrt(n_fit) / 100: maps the preprocessing's ||X||_F = 100 over the fitting set to unit RMS row norm.</summary>
    public static double PaperScale(KoopmanStudy study) => Math.Sqrt(study.TrainLabels.Length) / 100.0;

    /// <summary>H0 death times of <paramref name="cloud"/> multiplied by <paramref name="scale"/>.</summary>
    public static double[] DeathTimes(Engine.Tensor cloud, double scale)
    {
        var c = (cloud * (float)scale).Contiguous();
        return PersistenceH0.DeathTimes(c.ToArray(), c.Size(0), c.Size(1));
    }

    private static JsonArray ToJson(int[] values)
    {
        var array = new JsonArray();
        foreach (int v in values) array.Add(v);
        return array;
    }
}
