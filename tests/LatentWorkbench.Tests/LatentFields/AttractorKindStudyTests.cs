using System.Text.Json.Nodes;
using LatentWorkbench.Data;
using LatentWorkbench.Engine;
using LatentWorkbench.Engine.NN;
using LatentWorkbench.Experiments;
using LatentWorkbench.Figures;
using LatentWorkbench.LatentFields;
using LatentWorkbench.Models;
using LatentWorkbench.Progress;
using LatentWorkbench.Training;

namespace LatentWorkbench.Tests.LatentFields;

/// <summary>The attractor-kind study's pieces: the mean-image baseline, the figures, the JSON rows and a tiny run on MNIST.</summary>
public class AttractorKindStudyTests
{
    static AttractorKindStudyTests() => ProgressBar.Enabled = false;

    /// <summary>
    /// A 1-D latent decoded to a 2 x 2 image [z, z, 1 - z, 1 - z] and encoded back as 1 - pixel 0, so E(D(z)) = 1 - z:
    /// every z but 1/2 lies on the 2-cycle {z, 1 - z}.
    /// </summary>
    private sealed class FlipAutoencoder : Module, IAutoencoder
    {
        private static readonly Tensor Spread = Tensor.FromArray(new[] { 1f, 1f, -1f, -1f }, 1, 4);
        private static readonly Tensor Offset = Tensor.FromArray(new[] { 0f, 0f, 1f, 1f }, 1, 4);
        private static readonly Tensor Pick = Tensor.FromArray(new[] { -1f, 0f, 0f, 0f }, 4, 1);

        public int LatentDim => 1;

        public IReadOnlyList<int> InputShape => [1, 2, 2];

        public Tensor Encode(Tensor inputs) => inputs.Reshape(inputs.Size(0), 4).MatMul(Pick) + 1f;

        public Tensor Decode(Tensor latents) => latents.MatMul(Spread) + Offset;

        public override Tensor Forward(Tensor input) => Decode(Encode(input));
    }

    private static JsonObject Parse(Figure f) => JsonNode.Parse(f.ToJson())!.AsObject();

    [Fact]
    public void MeanImageBaselineIsTheTestErrorOfTheTrainingMean()
    {
        // Train images (0, 255) and (255, 255): mean (0.5, 1). Test image (0, 0): errors 0.25 and 1, MSE 0.625.
        var train = new ImageDataset("toy", "train", [0, 255, 255, 255], [0, 1], 1, 1, 2, ["a", "b"]);
        var test = new ImageDataset("toy", "test", [0, 0], [0], 1, 1, 2, ["a", "b"]);
        var baseline = MeanImageBaseline.Of(train, test);
        Assert.Equal(0.625, baseline.TestMse, 1e-7);
        Assert.True(baseline.IsDegenerate(0.7));
        Assert.True(baseline.IsDegenerate(double.NaN));
        Assert.False(baseline.IsDegenerate(0.1));
        Assert.Equal(0.5, baseline.Ratio(0.3125), 1e-12);
    }

    [Fact]
    public void CyclesFigureDrawsEachCycleClosedAndDecodedCyclesOneRowEach()
    {
        var model = new FlipAutoencoder();
        var result = AttractorKindClassifier.Classify(new LatentMap(model), Tensor.FromArray(new[] { 0.1f, 0.9f, 0.3f, 0.5f }, 4, 1));
        Assert.Equal(2, result.Cycles.Count);

        var fig = Parse(AttractorKindFigures.Cycles(result));
        var data = fig["data"]!.AsArray();
        Assert.Equal(3, data.Count); // the fixed point, then the two cycles
        var biggest = data[1]!["x"]!.AsArray().Select(v => v!.GetValue<double>()).ToArray();
        Assert.Equal([0.1, 0.9, 0.1], biggest, (a, b) => Math.Abs(a - b) < 1e-5); // closed: back to its first point
        Assert.Equal(0.5, data[0]!["x"]![0]!.GetValue<double>(), 1e-5);

        // Two rows of two tiles of 2 x 2 pixels with a one-pixel gap: 5 x 5 with the decoded values in reading order.
        var strip = Parse(AttractorKindFigures.DecodedCycles(result, model));
        var z = strip["data"]![0]!["z"]!.AsArray();
        Assert.Equal(5, z.Count);
        Assert.Equal(0.1, z[0]![0]!.GetValue<double>(), 1e-5);
        Assert.Equal(0.9, z[1]![0]!.GetValue<double>(), 1e-5);
        Assert.Equal(0.9, z[0]![3]!.GetValue<double>(), 1e-5);
        Assert.Equal(0.3, z[3]![0]!.GetValue<double>(), 1e-5);
    }

    [Fact]
    public void CyclesFigureProjectsOnThePrincipalPlaneAboveTwoDimensions()
    {
        // A 3-cycle in 3-D lying in the plane z3 = 5: its principal plane keeps the triangle's side lengths.
        var map = IteratedMap.FromFunction(3, z => z.MatMul(Tensor.FromArray(new[,] { { 0f, 1f, 0f }, { 0f, 0f, 1f }, { 1f, 0f, 0f } })));
        var result = AttractorKindClassifier.Classify(map, Tensor.FromArray(new[] { 1f, 2f, 4f }, 1, 3));
        var cycle = Assert.Single(result.Cycles);
        Assert.Equal(3, cycle.Period);
        var trace = Parse(AttractorKindFigures.Cycles(result))["data"]![0]!;
        var x = trace["x"]!.AsArray().Select(v => v!.GetValue<double>()).ToArray();
        var y = trace["y"]!.AsArray().Select(v => v!.GetValue<double>()).ToArray();
        Assert.Equal(4, x.Length);
        // The cyclic shifts of (1, 2, 4) form a triangle with sides sqrt(1 + 4 + 9) = sqrt(14).
        for (int j = 0; j < 3; j++) Assert.Equal(Math.Sqrt(14), Math.Sqrt(Math.Pow(x[j + 1] - x[j], 2) + Math.Pow(y[j + 1] - y[j], 2)), 1e-4);
    }

    [Fact]
    public void TinyStudyOnMnistReportsEveryStartAndTheMeanImageBaseline()
    {
        var dir = Directory.CreateTempSubdirectory("lwb-kinds");
        try
        {
            var options = new AttractorKindStudyOptions
            {
                Datasets = ["mnist"], Ks = [2], Epochs = 2, TrainSamples = 512, TestSamples = 128, LearningRate = 2e-3f,
                TrainStarts = 24, NoiseStarts = 16, Seed = 2, ModelDirectory = dir.FullName, PrintTraining = false,
                Classifier = new AttractorKindOptions { MaxIterations = 400 },
            };
            var row = Assert.Single(AttractorKindStudy.Run(options).Rows);
            Assert.Equal(40, row.Kinds.Count);
            Assert.Equal(24, row.TrainStarts);
            Assert.Equal(40, row.Kinds.FixedCount + row.Kinds.PeriodicCount + row.Kinds.UnresolvedCount + row.Kinds.DivergedCount);

            // The baseline by brute force over the recipe's own subsets (the MLP sees the raw pixels, flattened).
            var recipe = options.Recipe("mnist", 2);
            var train = recipe.LoadSplit("train");
            var test = recipe.LoadSplit("test");
            var mean = new double[784];
            var pixel = new float[784];
            for (int i = 0; i < train.Count; i++) { train.CopySample(i, pixel); for (int p = 0; p < 784; p++) mean[p] += pixel[p] / (double)train.Count; }
            double mse = 0;
            for (int i = 0; i < test.Count; i++) { test.CopySample(i, pixel); for (int p = 0; p < 784; p++) mse += Math.Pow(pixel[p] - mean[p], 2) / (784.0 * test.Count); }
            Assert.Equal(mse, row.Baseline.TestMse, 1e-6);
            Assert.Equal(!(row.TestMse < mse), row.Degenerate);

            var json = AttractorKindsExperiment.ToJson(row);
            Assert.Equal("mnist", json["dataset"]!.GetValue<string>());
            Assert.Equal(40, json["starts"]!.GetValue<int>());
            Assert.Equal(row.Kinds.FixedCount, json["fixed"]!.GetValue<int>());
            Assert.Equal(row.Kinds.Cycles.Count, json["orbits"]!.AsArray().Count);
            Assert.Equal(Math.Round(mse, 6), json["mean_image_mse"]!.GetValue<double>(), 1e-9);
            Assert.Equal(row.Degenerate, json["degenerate"]!.GetValue<bool>());
            var study = new AttractorKindStudyResult([row]);
            Assert.NotNull(Parse(AttractorKindFigures.Kinds(study)));
            var summary = Assert.Single(study.Summary);
            Assert.Equal((40, row.Kinds.FixedCount), (summary.Starts, summary.Fixed));
            Assert.Equal(mse, summary.MeanImageMse, 1e-6);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
