using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using LatentWorkbench.Experiments;
using LatentWorkbench.Engine.Serialization;

namespace LatentWorkbench.Reproduction;

/// <summary>
/// Runs experiments for several seeds and keeps what they printed in <c>results/&lt;experiment&gt;.json</c>: one
/// section per mode ("quick", "full") with the seeds, the commit, the wall time, each seed's JSON and their
/// <see cref="SeedSummary"/>. A run replaces only its own mode's section, so quick and full results live side by side.
/// </summary>
public static class ReproductionRun
{
    /// <summary>The results folder of the repository (<c>results/</c> under the current directory).</summary>
    public const string DefaultDirectory = "results";

    /// <summary>The JSON key of a mode's section.</summary>
    public static string ModeKey(bool quick) => quick ? "quick" : "full";

    /// <summary>
    /// Runs <paramref name="experiment"/> once per seed and writes its section of <c>&lt;directory&gt;/&lt;name&gt;.json</c>
    /// atomically; returns the section. <paramref name="log"/> receives one line per finished seed.
    /// </summary>
    public static JsonObject Run(IExperiment experiment, bool quick, IReadOnlyList<ulong> seeds, string directory = DefaultDirectory, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        if (seeds.Count == 0) throw new ArgumentException("at least one seed is needed", nameof(seeds));
        if (seeds.Distinct().Count() != seeds.Count) throw new ArgumentException($"seeds repeat: {string.Join(",", seeds)}", nameof(seeds));
        var version = SourceVersion.Of();
        var perSeed = new JsonArray();
        var seconds = new JsonArray();
        var total = Stopwatch.StartNew();
        foreach (ulong seed in seeds)
        {
            var watch = Stopwatch.StartNew();
            // Through text, so every number is a plain JSON number whatever type the experiment put in.
            var result = JsonNode.Parse(experiment.Run(quick, seed).ToJsonString());
            perSeed.Add(result);
            seconds.Add(Math.Round(watch.Elapsed.TotalSeconds, 1));
            log?.Invoke(string.Create(CultureInfo.InvariantCulture, $"{experiment.Name} seed {seed}: {watch.Elapsed.TotalSeconds:F1} s"));
        }
        var section = new JsonObject
        {
            ["seeds"] = new JsonArray(seeds.Select(s => (JsonNode?)s).ToArray()),
            ["commit"] = version.Commit,
            ["dirty"] = version.Dirty,
            ["finished"] = DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture),
            ["wall_seconds"] = Math.Round(total.Elapsed.TotalSeconds, 1),
            ["seed_seconds"] = seconds,
            ["machine"] = $"{Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}",
            ["summary"] = SeedSummary.Combine(perSeed.ToList()),
            ["per_seed"] = perSeed,
        };
        var path = Path.Combine(directory, experiment.Name + ".json");
        var file = Load(path) ?? new JsonObject { ["experiment"] = experiment.Name };
        file[ModeKey(quick)] = section;
        AtomicFile.WriteAllText(path, file.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
        return section;
    }

    /// <summary>The results file at <paramref name="path"/>, or null when there is none; a corrupt file is an error naming it.</summary>
    public static JsonObject? Load(string path)
    {
        if (!File.Exists(path)) return null;
        try
        {
            return JsonNode.Parse(File.ReadAllText(path)) as JsonObject ?? throw new InvalidDataException($"{path}: expected a JSON object");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not valid JSON ({e.Message})", e);
        }
    }
}
