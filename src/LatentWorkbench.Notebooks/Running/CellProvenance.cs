using System.Reflection;
using System.Text.Json.Nodes;
using LatentWorkbench.Engine;

namespace LatentWorkbench.Notebooks.Running;

/// <summary>
/// The <c>lwb</c> entry of an executed code cell's metadata: which workbench build ran it, the seeds and data files
/// (SHA-256) it used, and the parameters injected into the notebook, so a shared notebook says how its numbers were made.
/// </summary>
public static class CellProvenance
{
    /// <summary>The metadata key.</summary>
    public const string Key = "lwb";

    /// <summary>The workbench version, e.g. "1.0.0".</summary>
    public static string Version { get; } = InformationalVersion().Split('+')[0];

    /// <summary>The git commit the workbench was built from, or null when the build did not record one.</summary>
    public static string? Commit { get; } = InformationalVersion().Split('+') is [_, var commit, ..] ? commit : null;

    /// <summary>The metadata object for one cell.</summary>
    public static JsonObject ToJson(ProvenanceLog log, IReadOnlyList<KeyValuePair<string, string>>? parameters = null)
    {
        var seeds = new JsonArray();
        foreach (var seed in log.Seeds) seeds.Add(seed);
        var data = new JsonObject();
        foreach (var (file, sha) in log.Data) data[file] = sha;
        var json = new JsonObject
        {
            ["workbench"] = Version,
            ["commit"] = Commit,
            ["seeds"] = seeds,
            ["generators"] = log.GeneratorCount,
            ["data_sha256"] = data,
        };
        if (parameters is { Count: > 0 })
        {
            var injected = new JsonObject();
            foreach (var (name, value) in parameters) injected[name] = value;
            json["parameters"] = injected;
        }
        return json;
    }

    private static string InformationalVersion() =>
        typeof(Generator).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
}
