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

    /// <summary>
    /// The edit settings of both studies: the paper's recipe (all training rows, one clean point's image as target, merged
    /// class by nearest mean image) with lambda chosen from <see cref="UnlearningOptions.DefaultLambdaGrid"/> on a seeded 20%
    /// validation split of the training rows; the test set only scores the chosen edit.
    /// </summary>
    public static UnlearningOptions Options(ulong seed) => new() { Seed = seed };

    /// <inheritdoc/>
    public JsonObject Run(bool quick, ulong seed) => new()
    {
        ["yinyang"] = ToJson(SurrogateUnlearning.Run(KoopmanStudyCache.RunOrLoad(KoopmanStudyConfig.YinYang(quick, seed)), 2, Options(seed))),
        ["mnist"] = ToJson(SurrogateUnlearning.Run(KoopmanStudyCache.RunOrLoad(KoopmanStudyConfig.Mnist(quick, seed)), 4, Options(seed))),
    };

    /// <summary>{"forget", "before", "after", "lambda"} plus the chosen lambda's validation scores when it was selected.</summary>
    public static JsonObject ToJson(UnlearningResult result)
    {
        var before = new JsonArray();
        foreach (double v in result.Before) before.Add(v);
        var after = new JsonArray();
        foreach (double v in result.After) after.Add(v);
        var json = new JsonObject { ["forget"] = result.ForgetClass, ["before"] = before, ["after"] = after, ["lambda"] = result.Lambda };
        if (result.Edit.Chosen is { } chosen)
        {
            json["validation_forget_accuracy"] = chosen.ForgetAccuracy;
            json["validation_worst_retained_loss"] = chosen.WorstRetainedLoss;
        }
        return json;
    }
}
