using LatentWorkbench.Data;
using LatentWorkbench.Engine;
using LatentWorkbench.LatentFields;
using LatentWorkbench.Models;
using LatentWorkbench.Progress;
using LatentWorkbench.Training;

namespace LatentWorkbench.Tests.LatentFields;

public class OodBenchmarkTests
{
    static OodBenchmarkTests() => ProgressBar.Enabled = false;

    private static AutoencoderRecipe TinyConv => new()
    {
        Kind = AutoencoderKind.Conv, Dataset = "mnist", LatentDim = 3, Epochs = 1, BatchSize = 32, TrainSamples = 64, TestSamples = 32,
        ConvWidth = 4, Seed = 5,
    };

    [Fact]
    public void CustomRecipeScoresItsOwnModelOnPaddedImagesAgainstItsTrainingSet()
    {
        var dir = Directory.CreateTempSubdirectory("lwb-ood");
        try
        {
            var options = new OodBenchmarkOptions
            {
                Recipe = TinyConv, TrainStarts = 40, TestImages = 12, Neighbours = 5, Seed = 9, ModelDirectory = dir.FullName,
                PrintTraining = false, Trajectory = new TrajectoryOptions { MaxIterations = 200 }, PathLengths = [1, 1000],
            };
            var result = OodBenchmark.Run("fashion-mnist", options);
            Assert.Equal(["trajectory", "knn", "reconstruction", "mahalanobis", "field-norm"], result.Scores.Select(s => s.Method));
            Assert.All(result.Scores, s => { Assert.Equal(12, s.In.Length); Assert.Equal(12, s.Out.Length); });
            Assert.Equal(40, result.TrainingAttractors.Trajectories.Count); // 40 of the model's own 64 training images
            Assert.Equal(2, Directory.GetFiles(dir.FullName).Length); // the recipe's model was trained and cached

            // Independent reference: the cached model on hand-padded 32 x 32 copies of the same seeded test images.
            var model = ModelCache.TrainOrLoad(TinyConv, dir.FullName).Autoencoder;
            Assert.IsType<ConvAutoencoder>(model);
            float[] Padded(ImageDataset data, int i)
            {
                var raw = new float[784];
                data.CopySample(i, raw);
                var x = new float[1024];
                for (int y = 0; y < 28; y++) Array.Copy(raw, y * 28, x, (y + 2) * 32 + 2, 28);
                return x;
            }
            var outSet = DatasetCatalog.Default.LoadImages("fashion-mnist", "test").Subset(12, options.Seed + 4);
            var train = TinyConv.LoadSplit("train").Subset(40, options.Seed + 2);
            float[] Latent(float[] x) => model.Encode(Tensor.FromArray(x, 1, 1, 32, 32)).Contiguous().AsSpan().ToArray();
            var trainLatents = Enumerable.Range(0, 40).Select(j => Latent(Padded(train, j))).ToList();
            var (_, _, recOut) = result.Scores.First(s => s.Method == "reconstruction");
            var (_, _, knnOut) = result.Scores.First(s => s.Method == "knn");
            // Path prefixes come from the same trajectories: past the longest path (201 points) T gives the paper's score.
            var (_, trajectoryIn, trajectoryOut) = result.Scores.First(s => s.Method == "trajectory");
            Assert.Equal([1, 1000], result.PathPrefixScores.Select(p => p.Length));
            Assert.Equal(trajectoryIn, result.PathPrefixScores[1].In);
            Assert.Equal(trajectoryOut, result.PathPrefixScores[1].Out);
            var attractors = result.TrainingAttractors;
            for (int i = 0; i < 12; i++)
            {
                var x = Padded(outSet, i);
                var rec = model.Decode(model.Encode(Tensor.FromArray(x, 1, 1, 32, 32))).Contiguous().AsSpan();
                double mse = 0;
                for (int p = 0; p < 1024; p++) mse += (rec[p] - x[p]) * (double)(rec[p] - x[p]) / 1024;
                Assert.Equal(mse, recOut[i], 1e-5);

                var z = Latent(x);
                var dists = trainLatents.Select(t => Math.Sqrt(t.Zip(z, (a, b) => (a - b) * (double)(a - b)).Sum())).Order().ToList();
                Assert.Equal(dists[4], knnOut[i], 1e-4); // 5th nearest of the 40 training latents

                // T = 1 is the start alone: its distance to the nearest training attractor.
                double nearest = Enumerable.Range(0, attractors.Count)
                    .Min(a => Math.Sqrt(attractors.Attractor(a).ToArray().Zip(z, (p, q) => (p - q) * (double)(p - q)).Sum()));
                Assert.Equal(nearest, result.PathPrefixScores[0].Out[i], 1e-4);
            }
        }
        finally { dir.Delete(recursive: true); }
    }

    [Theory]
    [InlineData(0, 100, 50, "TrainStarts")]
    [InlineData(100, 0, 50, "TestImages")]
    [InlineData(100, 100, 0, "Neighbours")]
    [InlineData(10, 100, 11, "Neighbours")] // more neighbours than training starts
    [InlineData(100, 100, 50, "PathLengths", 0)]
    public void BadSizesAreRejectedByNameBeforeAnyTraining(int trainStarts, int testImages, int neighbours, string name, int pathLength = 1)
    {
        var dir = Directory.CreateTempSubdirectory("lwb-ood-bad");
        try
        {
            var options = new OodBenchmarkOptions
            {
                Recipe = TinyConv, TrainStarts = trainStarts, TestImages = testImages, Neighbours = neighbours, ModelDirectory = dir.FullName,
                PathLengths = [pathLength],
            };
            var ex = Assert.Throws<ArgumentOutOfRangeException>(() => OodBenchmark.Run("fashion-mnist", options));
            Assert.Equal(name, ex.ParamName);
            Assert.Empty(Directory.GetFiles(dir.FullName));
        }
        finally { dir.Delete(recursive: true); }
    }
}
