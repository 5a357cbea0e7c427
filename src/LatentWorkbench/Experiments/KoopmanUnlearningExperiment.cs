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
    public JsonObject Run(bool quick, ulong seed) => new()
    {
        ["yinyang"] = ToJson(SurrogateUnlearning.Run(KoopmanStudy.Run(KoopmanStudyConfig.YinYang(quick, seed)), 2)),
        ["mnist"] = ToJson(SurrogateUnlearning.Run(KoopmanStudy.Run(KoopmanStudyConfig.Mnist(quick, seed)), 4)),
    };

    /// <summary>{"forget", "before", "after"}.</summary>
    public static JsonObject ToJson(UnlearningResult result)
    {
        var before = new JsonArray();
        foreach (double v in result.Before) before.Add(v);
        var after = new JsonArray();
        foreach (double v in result.After) after.Add(v);
        return new JsonObject { ["forget"] = result.ForgetClass, ["before"] = before, ["after"] = after };
    }
}
