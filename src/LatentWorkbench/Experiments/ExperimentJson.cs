using System.Text.Json.Nodes;
using LatentWorkbench.LatentFields;
using LatentWorkbench.Training;

namespace LatentWorkbench.Experiments;

/// <summary>How the adapters write numbers into the <c>reproduce</c> JSON.</summary>
internal static class ExperimentJson
{
    /// <summary><paramref name="v"/> rounded to <paramref name="digits"/> decimals; NaN and infinities as they are.</summary>
    public static double Round(double v, int digits = 6) => double.IsFinite(v) ? Math.Round(v, digits) : v;

    /// <summary>
    /// {"dataset", "k", "test_mse", "mean_image_mse", "degenerate"} of a trained autoencoder: every number a reproduce row
    /// reports comes from a model that must beat predicting the training mean image, and the JSON says whether it did.
    /// </summary>
    public static JsonObject Model(AutoencoderRun run, MeanImageBaseline? baseline = null)
    {
        baseline ??= MeanImageBaseline.Of(run.Recipe);
        return new JsonObject
        {
            ["dataset"] = run.Recipe.Dataset,
            ["k"] = run.Recipe.LatentDim,
            ["test_mse"] = Round(run.TestMse),
            ["mean_image_mse"] = Round(baseline.TestMse),
            ["degenerate"] = baseline.IsDegenerate(run.TestMse),
        };
    }

    /// <summary>The counts <paramref name="values"/> [n] as a JSON array [n].</summary>
    public static JsonArray Array(IEnumerable<int> values)
    {
        var array = new JsonArray();
        foreach (int v in values) array.Add(v);
        return array;
    }

    /// <summary>The values <paramref name="values"/> [n] as a JSON array [n], unrounded.</summary>
    public static JsonArray Array(IEnumerable<double> values)
    {
        var array = new JsonArray();
        foreach (double v in values) array.Add(v);
        return array;
    }
}
