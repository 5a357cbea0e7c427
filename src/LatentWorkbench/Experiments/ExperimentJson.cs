using System.Text.Json.Nodes;

namespace LatentWorkbench.Experiments;

/// <summary>How the adapters write numbers into the <c>reproduce</c> JSON.</summary>
internal static class ExperimentJson
{
    /// <summary><paramref name="v"/> rounded to <paramref name="digits"/> decimals; NaN and infinities as they are.</summary>
    public static double Round(double v, int digits = 6) => double.IsFinite(v) ? Math.Round(v, digits) : v;

    /// <summary>A JSON array of the counts.</summary>
    public static JsonArray Array(IEnumerable<int> values)
    {
        var array = new JsonArray();
        foreach (int v in values) array.Add(v);
        return array;
    }

    /// <summary>A JSON array of the values, unrounded.</summary>
    public static JsonArray Array(IEnumerable<double> values)
    {
        var array = new JsonArray();
        foreach (double v in values) array.Add(v);
        return array;
    }
}
