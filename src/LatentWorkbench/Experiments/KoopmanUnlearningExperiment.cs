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
    /// Rows of H and X_c used for Yin-Yang. With all 3,333 retained rows C0 protects every observable direction and the
    /// dot class keeps ~70% accuracy; 50 per side forgets it (measured: dot 1.00 -> 0.08, yin/yang unchanged).
    /// </summary>
    public const int YinYangEditSamples = 50;

    /// <inheritdoc/>
    public JsonObject Run(bool quick, ulong seed) => new()
    {
        ["yinyang"] = ToJson(SurrogateUnlearning.Run(KoopmanStudy.Run(KoopmanStudyConfig.YinYang(quick, seed)), 2, maxSamples: YinYangEditSamples, seed: seed)),
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
