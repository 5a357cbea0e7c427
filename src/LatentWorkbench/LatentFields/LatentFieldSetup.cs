using LatentWorkbench.Data;
using LatentWorkbench.Engine;
using LatentWorkbench.Training;

namespace LatentWorkbench.LatentFields;

/// <summary>
/// What the latent-field analyses run on: the MLP autoencoder recipe of the field, dictionary and OOD experiments, and
/// image tensors in the layout a model takes.
/// </summary>
/// <example><code>
/// var recipe = LatentFieldSetup.Recipe("mnist", k: 16, quick: true, seed: 0);               // MLP, 4 epochs on 8,000 images
/// var inputs = LatentFieldSetup.ModelInputs(recipe.LoadSplit("test"), recipe.Transform);   // [1000, 784]
/// </code></example>
public static class LatentFieldSetup
{
    /// <summary>
    /// The MLP autoencoder of the field, dictionary and OOD experiments (the paper's optimiser; the MLP for speed): 20
    /// epochs on the whole training split, or 4 epochs on 8,000 images (test MSE on 1,000) when <paramref name="quick"/>.
    /// </summary>
    public static AutoencoderRecipe Recipe(string dataset, int k, bool quick, ulong seed) => new()
    {
        Kind = AutoencoderKind.Mlp,
        Dataset = dataset,
        LatentDim = k,
        Epochs = quick ? 4 : 20,
        TrainSamples = quick ? 8000 : null,
        TestSamples = quick ? 1000 : null,
        Seed = seed,
    };

    /// <summary>The model of <see cref="Recipe"/>, trained on a cache miss.</summary>
    public static AutoencoderRun Model(string dataset, int k, bool quick, ulong seed) => ModelCache.TrainOrLoad(Recipe(dataset, k, quick, seed));

    /// <summary>Images [n, 784] of a split, a seeded subset of n when n is smaller than the split.</summary>
    internal static Tensor Images(string dataset, string split, int n, ulong seed)
    {
        var data = DatasetCatalog.Default.LoadImages(dataset, split);
        if (n < data.Count) data = data.Subset(n, seed);
        return data.Images.Contiguous().Reshape(data.Count, data.Channels * data.Height * data.Width);
    }

    /// <summary>All n images of <paramref name="data"/> as one tensor in the layout a model takes (after <paramref name="transform"/>): [n, 784] for the MLP, [n, 1, 32, 32] for the conv models.</summary>
    public static Tensor ModelInputs(ImageDataset data, ISampleTransform transform)
    {
        if (data.Count == 0) throw new ArgumentException($"{data.Name}/{data.Split}: no images", nameof(data));
        var loader = new DataLoader(data, data.Count, shuffle: false, transform: transform);
        foreach (var batch in loader.Epoch(0)) return batch.Inputs;
        throw new InvalidOperationException("the data loader produced no batch");
    }
}
