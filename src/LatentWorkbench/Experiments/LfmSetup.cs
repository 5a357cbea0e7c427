using LatentWorkbench.Data;
using LatentWorkbench.Engine;
using LatentWorkbench.Engine.Autograd;
using LatentWorkbench.Graphs;
using LatentWorkbench.Training;

namespace LatentWorkbench.Experiments;

/// <summary>Two MNIST autoencoders that differ only in their seed, and their latents of the same test images.</summary>
/// <param name="A">First trained autoencoder.</param>
/// <param name="B">Second trained autoencoder (another seed).</param>
/// <param name="Images">The test images both encode, [n, 1, 28, 28].</param>
/// <param name="Labels">Their digit labels.</param>
/// <param name="LatentsA">Latents of <paramref name="Images"/> under A.</param>
/// <param name="LatentsB">Latents of <paramref name="Images"/> under B.</param>
public sealed record LfmSetup(AutoencoderRun A, AutoencoderRun B, Tensor Images, int[] Labels, PointSet LatentsA, PointSet LatentsB)
{
    /// <summary>Trains both models (small in quick mode) and encodes a seeded test subset.</summary>
    public static LfmSetup Create(bool quick, ulong seed, int? points = null)
    {
        var recipe = new AutoencoderRecipe
        {
            Kind = AutoencoderKind.Mlp, LatentDim = 16, Epochs = quick ? 1 : 5,
            TrainSamples = quick ? 3000 : 20000, TestSamples = quick ? 500 : 2000, Seed = seed,
        };
        var a = recipe.Train();
        var b = (recipe with { Seed = seed + 1000 }).Train();
        var test = DatasetCatalog.Default.LoadImages("mnist", "test").Subset(points ?? (quick ? 800 : 2000), seed + 7);
        var images = test.Images;
        return new LfmSetup(a, b, images, test.Labels, Encode(a, images, "latentsA"), Encode(b, images, "latentsB"));
    }

    /// <summary>Latents of <paramref name="images"/> under <paramref name="run"/>'s encoder (eval mode, no gradients).</summary>
    public static PointSet Encode(AutoencoderRun run, Tensor images, string name = "latents")
    {
        run.Model.Eval();
        using var _ = GradMode.NoGrad();
        return PointSet.FromTensor(run.Autoencoder.Encode(images), name);
    }
}
