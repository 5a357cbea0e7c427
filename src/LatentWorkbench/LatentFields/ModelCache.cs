using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using LatentWorkbench.Data;
using LatentWorkbench.Engine.Serialization;
using LatentWorkbench.Models;
using LatentWorkbench.Training;

namespace LatentWorkbench.LatentFields;

/// <summary>
/// Trained autoencoders keyed by their full recipe: data/models/&lt;hash&gt;.safetensors plus &lt;hash&gt;.json (the
/// recipe and its test MSE). Re-running a notebook with an unchanged recipe loads; any change (k, epochs, seed...) retrains.
/// </summary>
/// <example><code>
/// var recipe = LatentFieldSetup.Recipe("mnist", k: 16, quick: true, seed: 0);   // the MLP of the field experiments
/// var run = ModelCache.TrainOrLoad(recipe);                                      // trains on a cache miss, loads afterwards
/// Console.WriteLine($"{ModelCache.Describe(recipe)}: test MSE {run.TestMse:F4}");
/// </code></example>
public static class ModelCache
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, Converters = { new JsonStringEnumConverter() } };

    /// <summary>The default folder: data/models under the cache root.</summary>
    public static string DefaultDirectory => Path.Combine(DataDirectories.CacheRoot(), "models");

    /// <summary>The recipe's cache key (<see cref="CacheKey"/>: its JSON and the training-code revision).</summary>
    public static string Key(AutoencoderRecipe recipe) => CacheKey.Of(JsonSerializer.Serialize(recipe, Json));

    /// <summary>The recipe in a few words: "mlp k=16 on mnist, 5 epochs, seed 0".</summary>
    public static string Describe(AutoencoderRecipe recipe) =>
        $"{recipe.Kind.ToString().ToLowerInvariant()} k={recipe.LatentDim} on {recipe.Dataset}, {recipe.Epochs} epochs, seed {recipe.Seed}";

    /// <summary>Loads the model for <paramref name="recipe"/> if cached, else trains and stores it; says which on standard output.</summary>
    public static AutoencoderRun TrainOrLoad(AutoencoderRecipe recipe, string? directory = null, DatasetCatalog? catalog = null, TrainingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(recipe);
        directory ??= DefaultDirectory;
        string key = Key(recipe);
        string weights = Path.Combine(directory, key + ".safetensors"), meta = Path.Combine(directory, key + ".json");
        if (File.Exists(weights) && File.Exists(meta))
        {
            var info = JsonNode.Parse(File.ReadAllText(meta)) ?? throw new InvalidDataException($"{meta}: empty model record");
            int channels = info["channels"]?.GetValue<int>() ?? throw new InvalidDataException($"{meta}: missing field 'channels'");
            double testMse = info["test_mse"]?.GetValue<double>() ?? double.NaN;
            var model = recipe.BuildModel(channels);
            var file = SafeTensors.Load(weights);
            model.LoadStateDict(file.Tensors, strict: true);
            model.Eval();
            Console.WriteLine($"model cache hit: {Describe(recipe)} ({key}, test MSE {testMse.ToString("G4", System.Globalization.CultureInfo.InvariantCulture)})");
            return new AutoencoderRun(recipe, model, (IAutoencoder)model, [], testMse);
        }

        // Said before the work starts, so someone who changed k in a notebook knows why the cell takes a while.
        Console.WriteLine($"model cache miss: training {Describe(recipe)} ({key})");
        var run = recipe.Train(catalog, options);
        SafeTensors.Save(weights, run.Model.StateDict(), new Dictionary<string, string> { ["recipe"] = JsonSerializer.Serialize(recipe, Json) });
        int ch = recipe.Kind == AutoencoderKind.Mlp ? run.Autoencoder.InputShape[0] / 784 : run.Autoencoder.InputShape[0];
        var record = new JsonObject
        {
            ["recipe"] = JsonNode.Parse(JsonSerializer.Serialize(recipe, Json)),
            ["channels"] = ch,
            ["test_mse"] = run.TestMse,
        };
        AtomicFile.WriteAllText(meta, record.ToJsonString(Json));
        run.Model.Eval();
        return run;
    }
}
