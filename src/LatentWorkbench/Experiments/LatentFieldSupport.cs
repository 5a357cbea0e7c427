using LatentWorkbench.Data;
using LatentWorkbench.Engine;
using LatentWorkbench.LatentFields;
using LatentWorkbench.Training;

namespace LatentWorkbench.Experiments;

/// <summary>Shared pieces of the latent-field experiments: cached MLP autoencoders and image tensors.</summary>
internal static class LatentFieldSupport
{
    /// <summary>The MLP recipe used by the experiments (paper's optimiser; the MLP instead of the conv AE for speed).</summary>
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

    public static double Round(double v, int digits = 6) => double.IsFinite(v) ? Math.Round(v, digits) : v;
}
