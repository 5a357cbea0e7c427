using LatentWorkbench.Data;
using LatentWorkbench.Engine;
using LatentWorkbench.LatentFields;
using LatentWorkbench.Training;

namespace LatentWorkbench.Experiments;

/// <summary>Shared pieces of the latent-field experiments: cached autoencoders and image tensors.</summary>
internal static class LatentFieldSupport
{
    /// <summary>The MLP recipe used by the field, dictionary and OOD experiments (paper's optimiser; the MLP for speed).</summary>
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

    public static AutoencoderRun Model(string dataset, int k, bool quick, ulong seed) => ModelCache.TrainOrLoad(Recipe(dataset, k, quick, seed));

    /// <summary>Images [n, 784] of a split, a seeded subset of n when n is smaller than the split.</summary>
    public static Tensor Images(string dataset, string split, int n, ulong seed)
    {
        var data = DatasetCatalog.Default.LoadImages(dataset, split);
        if (n < data.Count) data = data.Subset(n, seed);
        return data.Images.Contiguous().Reshape(data.Count, data.Channels * data.Height * data.Width);
    }

    /// <summary>All images of <paramref name="data"/> as one tensor in the layout a model takes (after <paramref name="transform"/>).</summary>
    public static Tensor ModelInputs(ImageDataset data, ISampleTransform transform)
    {
        if (data.Count == 0) throw new ArgumentException($"{data.Name}/{data.Split}: no images", nameof(data));
        var loader = new DataLoader(data, data.Count, shuffle: false, transform: transform);
        foreach (var batch in loader.Epoch(0)) return batch.Inputs;
        throw new InvalidOperationException("the data loader produced no batch");
    }

    /// <summary>
    /// Whether <paramref name="dataset"/>'s files are already in the cache or in LWB_DATASETS_DIR, so using it will not
    /// start a download (CIFAR-10 joins the sweep only then).
    /// </summary>
    public static bool IsPresent(string dataset, DatasetCatalog? catalog = null)
    {
        catalog ??= DatasetCatalog.Default;
        var spec = catalog.Get(dataset);
        if (spec.Layout is null) return true;
        if (spec.Layout.Locate(catalog.CacheDirectory(dataset), out _) is not null) return true;
        return catalog.Options.DatasetsDir is { } dir && spec.Layout.Locate(Path.Combine(dir, dataset), out _) is not null;
    }

    public static double Round(double v, int digits = 6) => double.IsFinite(v) ? Math.Round(v, digits) : v;
}
