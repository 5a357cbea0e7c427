using System.Text.Json;
using LatentWorkbench.Data;
using LatentWorkbench.Engine.Serialization;
using LatentWorkbench.Training;

namespace LatentWorkbench.Koopman;

/// <summary>
/// Trained studies keyed by their full configuration: &lt;directory&gt;/koopman-&lt;hash&gt;.safetensors holds the classifier's
/// and the surrogate's weights (with the configuration as metadata). Notebooks 05 and 06, the CLI and a re-run of either
/// share one training per configuration; any change to it (dataset, sizes, epochs, seed...) trains anew.
/// </summary>
public static class KoopmanStudyCache
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    /// <summary>The default folder: models under the cache root (data/models in a checkout).</summary>
    public static string DefaultDirectory => Path.Combine(DataDirectories.CacheRoot(), "models");

    /// <summary>The configuration's cache key (<see cref="CacheKey"/>: its JSON and the training-code revision).</summary>
    public static string Key(KoopmanStudyConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return CacheKey.Of(JsonSerializer.Serialize(config, Json));
    }

    /// <summary>The file that holds (or will hold) the study of <paramref name="config"/>.</summary>
    public static string PathFor(KoopmanStudyConfig config, string? directory = null) =>
        Path.Combine(directory ?? DefaultDirectory, $"koopman-{Key(config)}.safetensors");

    /// <summary>Loads the study for <paramref name="config"/> if cached, else runs it and stores its weights.</summary>
    public static KoopmanStudy RunOrLoad(KoopmanStudyConfig config, string? directory = null)
    {
        string path = PathFor(config, directory);
        if (File.Exists(path)) return KoopmanStudy.Run(config, SafeTensors.Load(path).Tensors);
        var study = KoopmanStudy.Run(config);
        SafeTensors.Save(path, study.Weights(), new Dictionary<string, string> { ["config"] = JsonSerializer.Serialize(config, Json) });
        return study;
    }
}
