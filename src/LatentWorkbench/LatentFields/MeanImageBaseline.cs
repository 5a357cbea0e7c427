using LatentWorkbench.Data;
using LatentWorkbench.Engine;
using LatentWorkbench.Training;

namespace LatentWorkbench.LatentFields;

/// <summary>
/// The reconstruction error of the trivial model that outputs the training mean image for every input: the test MSE
/// an autoencoder must beat to have learned anything. A model that does not beat it has collapsed (it reconstructs
/// every image as about the same blur), and its attractors say nothing about the data.
/// </summary>
/// <param name="Dataset">The dataset whose training mean image is scored (as in the recipe, e.g. "mnist").</param>
/// <param name="TestMse">Mean squared error per pixel of the training mean image on the test images, in the model's input layout.</param>
/// <example><code>
/// var baseline = MeanImageBaseline.Of(recipe);          // the recipe's own train and test subsets
/// bool collapsed = baseline.IsDegenerate(run.TestMse);  // true when the model does not beat the mean image
/// </code></example>
public sealed record MeanImageBaseline(string Dataset, double TestMse)
{
    /// <summary>
    /// The baseline on exactly the images <paramref name="recipe"/> trains and tests on, after its sample transform
    /// (the conv models' zero padding counts as pixels, as it does in their test MSE), so the two errors compare.
    /// </summary>
    public static MeanImageBaseline Of(AutoencoderRecipe recipe, DatasetCatalog? catalog = null)
    {
        ArgumentNullException.ThrowIfNull(recipe);
        return Of(recipe.LoadSplit("train", catalog), recipe.LoadSplit("test", catalog), recipe.Transform);
    }

    /// <summary>The mean of <paramref name="train"/> scored on <paramref name="test"/>, both after <paramref name="transform"/> (none: raw pixels).</summary>
    public static MeanImageBaseline Of(ImageDataset train, ImageDataset test, ISampleTransform? transform = null)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(test);
        if (train.Count == 0) throw new ArgumentException($"{train.Name}/{train.Split}: no training images to average", nameof(train));
        if (test.Count == 0) throw new ArgumentException($"{test.Name}/{test.Split}: no test images to score", nameof(test));
        if (train.ImageSize != test.ImageSize)
            throw new ArgumentException($"train images have {train.ImageSize} values and test images {test.ImageSize}; they must come from one dataset", nameof(test));
        double[]? mean = null;
        foreach (var batch in Batches(train, transform))
        {
            mean ??= new double[batch.Width];
            for (int r = 0; r < batch.Rows; r++)
                for (int c = 0; c < batch.Width; c++) mean[c] += batch.Values[r * batch.Width + c];
        }
        for (int c = 0; c < mean!.Length; c++) mean[c] /= train.Count;
        double sum = 0;
        foreach (var batch in Batches(test, transform))
            for (int r = 0; r < batch.Rows; r++)
                for (int c = 0; c < batch.Width; c++)
                {
                    double d = batch.Values[r * batch.Width + c] - mean[c];
                    sum += d * d;
                }
        return new MeanImageBaseline(train.Name, sum / ((double)test.Count * mean.Length));
    }

    /// <summary>Whether a model with test MSE <paramref name="modelTestMse"/> fails to beat the mean image (NaN counts as failing).</summary>
    public bool IsDegenerate(double modelTestMse) => !(modelTestMse < TestMse);

    /// <summary>The model's test MSE as a fraction of the baseline's (below 1: better than the mean image).</summary>
    public double Ratio(double modelTestMse) => modelTestMse / TestMse;

    private static IEnumerable<(float[] Values, int Rows, int Width)> Batches(ImageDataset data, ISampleTransform? transform)
    {
        var loader = new DataLoader(data, 1024, shuffle: false, transform: transform);
        foreach (var (inputs, _) in loader.Epoch(0))
        {
            int rows = inputs.Size(0);
            yield return (inputs.Contiguous().ToArray(), rows, inputs.Numel / rows);
        }
    }
}
