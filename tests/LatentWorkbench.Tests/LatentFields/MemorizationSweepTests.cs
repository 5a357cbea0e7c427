using LatentWorkbench.Data;
using LatentWorkbench.Experiments;
using LatentWorkbench.LatentFields;
using LatentWorkbench.Models;
using LatentWorkbench.Progress;

namespace LatentWorkbench.Tests.LatentFields;

public class MemorizationSweepTests
{
    static MemorizationSweepTests() => ProgressBar.Enabled = false;

    [Fact]
    public void TinySweepTrainsConvModelsCachesThemAndMeasuresAgainstABruteForceNull()
    {
        var dir = Directory.CreateTempSubdirectory("lwb-sweep");
        try
        {
            var options = new MemorizationSweepOptions
            {
                Datasets = ["mnist"], CifarWhenPresent = false, Ks = [2, 4], Epochs = 1, TrainSamples = 64, TestSamples = 32,
                ConvWidth = 4, BatchSize = 32, AttractorStarts = 16, NullSamples = 12, Seed = 3, ModelDirectory = dir.FullName,
                Attractors = new AttractorOptions { ComputeStability = false, Trajectory = new TrajectoryOptions { MaxIterations = 200 } },
            };
            var result = MemorizationSweep.Run(options);
            Assert.Equal([2, 4], result.Rows.Select(r => r.K));
            Assert.Equal(4, Directory.GetFiles(dir.FullName).Length); // weights + record per model
            var cached = ModelCache.TrainOrLoad(options.Recipe("mnist", 4), dir.FullName);
            Assert.Empty(cached.History); // loaded, not retrained
            Assert.Equal(4, Assert.IsType<ConvAutoencoder>(cached.Autoencoder).Width);

            // The null baseline: mean over the test subset of the best cosine to the 64 training images, by brute force
            // on the padded 32 x 32 images the model sees (zero padding leaves cosines unchanged).
            var recipe = options.Recipe("mnist", 2);
            var train = recipe.LoadSplit("train");
            var test = DatasetCatalog.Default.LoadImages("mnist", "test").Subset(12, 4);
            double expected = 0;
            for (int i = 0; i < test.Count; i++)
            {
                double best = double.NegativeInfinity;
                var a = new float[784];
                test.CopySample(i, a);
                for (int j = 0; j < train.Count; j++)
                {
                    var b = new float[784];
                    train.CopySample(j, b);
                    double dot = 0, na = 0, nb = 0;
                    for (int p = 0; p < 784; p++) { dot += a[p] * b[p]; na += a[p] * a[p]; nb += b[p] * b[p]; }
                    best = Math.Max(best, dot / Math.Sqrt(na * nb));
                }
                expected += best / test.Count;
            }
            Assert.All(result.Rows, r => Assert.Equal(expected, r.NullMemorization, 1e-4));
            Assert.All(result.Rows, r =>
            {
                Assert.True(r.Attractors >= 1);
                Assert.InRange(r.MemorizationMean, -1, 1);
                Assert.True(r.TestMse > 0 && r.TestMse < 1);
            });

            // A second run loads every model (same rows), the JSON keeps the reproduce format.
            var again = MemorizationSweep.Run(options);
            Assert.Equal(result.Rows, again.Rows);
            Assert.Equal(2, LatentFieldMemorizationExperiment.ToJson(again)["rows"]!.AsArray().Count);
        }
        finally { dir.Delete(recursive: true); }
    }

    [Fact]
    public void PrintTrainingFalseSilencesTheEpochSummariesOfAnUncachedModel()
    {
        // An unusual learning rate marks this test's summary lines ("lr 0.00123") among anything parallel tests print.
        string Train(bool print)
        {
            var dir = Directory.CreateTempSubdirectory("lwb-sweep-quiet");
            var before = Console.Out;
            var captured = new StringWriter();
            try
            {
                Console.SetOut(captured);
                MemorizationSweep.Run(new MemorizationSweepOptions
                {
                    Datasets = ["mnist"], CifarWhenPresent = false, Ks = [2], Epochs = 1, TrainSamples = 32, TestSamples = 16,
                    ConvWidth = 4, BatchSize = 16, LearningRate = 1.23e-3f, LrSchedule = null, AttractorStarts = 8, NullSamples = 8,
                    ModelDirectory = dir.FullName, PrintTraining = print,
                    Attractors = new AttractorOptions { ComputeStability = false, Trajectory = new TrajectoryOptions { MaxIterations = 50 } },
                });
            }
            finally
            {
                Console.SetOut(before);
                dir.Delete(recursive: true);
            }
            return captured.ToString();
        }

        Assert.Contains("lr 0.00123", Train(print: true));
        Assert.DoesNotContain("lr 0.00123", Train(print: false));
    }

    [Fact]
    public void NoiseStartsAddTheAttractorsOfGaussianStartsOfTheSameModel()
    {
        var dir = Directory.CreateTempSubdirectory("lwb-sweep-noise");
        try
        {
            var options = new MemorizationSweepOptions
            {
                Datasets = ["mnist"], CifarWhenPresent = false, Ks = [3], Epochs = 1, TrainSamples = 48, TestSamples = 16,
                ConvWidth = 4, BatchSize = 16, AttractorStarts = 12, NullSamples = 8, Seed = 5, ModelDirectory = dir.FullName, PrintTraining = false,
                Attractors = new AttractorOptions { ComputeStability = false, Trajectory = new TrajectoryOptions { MaxIterations = 100 } },
            };
            var plain = Assert.Single(MemorizationSweep.Run(options).Rows);
            Assert.Null(plain.NoiseAttractors);
            Assert.Null(plain.NoiseMeanSteps);

            var withNoise = Assert.Single(MemorizationSweep.Run(options with { NoiseStarts = 20 }).Rows);
            // The training-started numbers do not change; the noise ones are a search from N(0, I) starts drawn from Seed + 13.
            Assert.Equal(plain, withNoise with { NoiseAttractors = null, NoiseMeanSteps = null });
            var model = ModelCache.TrainOrLoad(options.Recipe("mnist", 3), dir.FullName).Autoencoder;
            var expected = AttractorFinder.Find(new LatentMap(model), LatentStarts.Gaussian(20, 3, options.Seed + 13), options.Attractors);
            Assert.Equal(expected.Count, withNoise.NoiseAttractors);
            Assert.Equal(expected.Trajectories.MeanSteps, withNoise.NoiseMeanSteps);
            Assert.True(withNoise.NoiseAttractors >= 1);
        }
        finally { dir.Delete(recursive: true); }
    }

    [Fact]
    public void BadSweepOptionsAreNamed()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => MemorizationSweep.Run(new MemorizationSweepOptions { Ks = [0] }));
        Assert.Equal("Ks", e.ParamName);
        Assert.Equal("NoiseStarts", Assert.Throws<ArgumentOutOfRangeException>(() => MemorizationSweep.Run(new MemorizationSweepOptions { NoiseStarts = -1 })).ParamName);
        Assert.Throws<ArgumentException>(() => MemorizationSweep.Run(new MemorizationSweepOptions { Datasets = [] }));
    }
}
