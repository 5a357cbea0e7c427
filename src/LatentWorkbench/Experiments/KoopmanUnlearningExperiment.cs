using System.Text.Json.Nodes;
using LatentWorkbench.Koopman;

namespace LatentWorkbench.Experiments;

/// <summary>Closed-form class unlearning on the Koopman operator: Yin-Yang forgets "dot" (2), MNIST forgets 4.</summary>
public sealed class KoopmanUnlearningExperiment : IExperiment
{
    /// <inheritdoc/>
    public string Name => "unlearning";

    /// <inheritdoc/>
    public string Description => "Closed-form class unlearning on the Koopman operator K^k (per-class accuracy before/after)";

    /// <inheritdoc/>
    /// <remarks>
    /// Both studies use the paper's recipe (all training rows, one clean point's image as target, merged class by nearest
    /// mean image) with lambda chosen from <see cref="UnlearningOptions.DefaultLambdaGrid"/> on a seeded 20% validation
    /// split of the training rows (the <see cref="UnlearningOptions"/> defaults); the test set only scores the chosen edit.
    /// </remarks>
    public JsonObject Run(bool quick, ulong seed)
    {
        var options = new UnlearningOptions { Seed = seed };
        return new JsonObject
        {
            ["yinyang"] = ToJson(SurrogateUnlearning.Run(KoopmanStudyCache.RunOrLoad(KoopmanStudyConfig.YinYang(quick, seed)), 2, options)),
            ["mnist"] = ToJson(SurrogateUnlearning.Run(KoopmanStudyCache.RunOrLoad(KoopmanStudyConfig.Mnist(quick, seed)), 4, options)),
        };
    }

    /// <summary>{"forget", "before", "after", "lambda"} plus the chosen lambda's validation scores when it was selected.</summary>
    public static JsonObject ToJson(UnlearningResult result)
    {
        var json = new JsonObject
        {
            ["forget"] = result.ForgetClass, ["before"] = ExperimentJson.Array(result.Before), ["after"] = ExperimentJson.Array(result.After), ["lambda"] = result.Lambda,
        };
        if (result.Edit.Chosen is { } chosen)
        {
            json["validation_forget_accuracy"] = chosen.ForgetAccuracy;
            json["validation_worst_retained_loss"] = chosen.WorstRetainedLoss;
        }
        return json;
    }
}
