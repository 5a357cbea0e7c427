using LatentWorkbench.Metrics;
using System.Text.Json.Nodes;

namespace LatentWorkbench.Reproduction;

/// <summary>
/// Folds one experiment's JSON summaries from several seeds into one object of the same shape: a number every seed
/// agrees on stays a number; a number that varies becomes <c>{"mean", "sd", "values"}</c> (sd is the sample standard
/// deviation, n - 1 in the denominator); a boolean is true when any seed's is (the flags the experiments print,
/// such as "degenerate", mark a problem); strings come from the first seed. Entries that some seed lacks
/// (an array that is shorter for one seed) are summarised over the seeds that have them.
/// </summary>
public static class SeedSummary
{
    /// <summary>The summary of <paramref name="perSeed"/> (one JSON result per seed, in seed order: [seeds]).</summary>
    public static JsonNode? Combine(IReadOnlyList<JsonNode?> perSeed)
    {
        ArgumentNullException.ThrowIfNull(perSeed);
        if (perSeed.Count == 0) throw new ArgumentException("at least one seed's result is needed", nameof(perSeed));
        return Fold(perSeed.Where(n => n is not null).ToList()!);
    }

    /// <summary>Mean, standard deviation and seed count of a number as <see cref="Combine"/> writes it (a plain number has sd 0).</summary>
    public static (double Mean, double Sd, int Seeds)? Read(JsonNode? node) => node switch
    {
        JsonValue v when v.TryGetValue(out double x) => (x, 0, 1),
        JsonObject o when o["mean"] is JsonValue m && o["sd"] is JsonValue s =>
            (m.GetValue<double>(), s.GetValue<double>(), o["values"] is JsonArray values ? values.Count : 1),
        _ => null,
    };

    private static JsonNode? Fold(List<JsonNode> nodes)
    {
        var first = nodes[0];
        switch (first)
        {
            case JsonObject obj:
            {
                var result = new JsonObject();
                foreach (var (key, _) in obj)
                    result[key] = Fold(nodes.OfType<JsonObject>().Where(o => o.ContainsKey(key)).Select(o => o[key]).Where(n => n is not null).ToList()!);
                return result;
            }
            case JsonArray array:
            {
                var result = new JsonArray();
                // The longest seed's length: a later seed may hold entries the first lacks (e.g. more orbits found).
                int length = nodes.OfType<JsonArray>().Max(a => a.Count);
                for (int i = 0; i < length; i++)
                {
                    int index = i;
                    result.Add(Fold(nodes.OfType<JsonArray>().Where(a => a.Count > index && a[index] is not null).Select(a => a[index]).ToList()!));
                }
                return result;
            }
            case JsonValue value when IsNumber(value):
            {
                var xs = nodes.OfType<JsonValue>().Where(IsNumber).Select(v => v.GetValue<double>()).ToArray();
                if (xs.All(x => x.Equals(xs[0]))) return value.DeepClone();
                var (mean, sd) = SampleStatistics.MeanAndSd(xs);
                return new JsonObject { ["mean"] = mean, ["sd"] = sd, ["values"] = new JsonArray(xs.Select(x => (JsonNode?)x).ToArray()) };
            }
            case JsonValue value when value.TryGetValue(out bool _):
                // The only flags the experiments print mark a problem ("degenerate"): one seed's is enough to flag the summary.
                return nodes.OfType<JsonValue>().Any(v => v.TryGetValue(out bool b) && b);
            default:
                return first.DeepClone();
        }
    }

    private static bool IsNumber(JsonValue value) => value.TryGetValue(out double _);
}
