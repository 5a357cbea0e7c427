using System.Text.Json.Nodes;
using LatentWorkbench.Figures;
using LatentWorkbench.LatentFields;
using LatentWorkbench.Progress;
using LatentWorkbench.Reproduction;
using LatentWorkbench.Training;

namespace LatentWorkbench.Tests.LatentFields;

/// <summary>The controlled OOD experiment (why-ood): its options, its scorer, its runs and the hypotheses that read it.</summary>
public class WhyOodTests
{
    static WhyOodTests() => ProgressBar.Enabled = false;

    private static AutoencoderRecipe TinyMlp => new() { Dataset = "mnist", LatentDim = 3, Epochs = 1, BatchSize = 32, TrainSamples = 64, TestSamples = 32, Seed = 5 };

    private static OodAblationOptions Tiny(string dir) => new()
    {
        Recipe = TinyMlp, TrainStarts = 40, FewerStarts = 10, MoreStarts = 60, TestImages = 12, Neighbours = 5, Seed = 9, ModelDirectory = dir,
        PrintTraining = false, Trajectory = new TrajectoryOptions { MaxIterations = 200 },
    };

    [Theory]
    [InlineData("FewerStarts")]
    [InlineData("TrainStarts")]
    [InlineData("MoreStarts")]
    [InlineData("TestImages")]
    [InlineData("Neighbours")]
    [InlineData("Radius")]
    [InlineData("CoarseRadius")]
    [InlineData("CosineThreshold")]
    [InlineData("FirstSteps")]
    [InlineData("Bottlenecks")]
    [InlineData("MoreStarts", true)] // more starts than the recipe's 64 training images
    public void BadOptionsAreRejectedByNameBeforeAnyTraining(string name, bool pastTrainingSet = false)
    {
        var dir = Directory.CreateTempSubdirectory("lwb-why-ood-bad");
        try
        {
            var good = Tiny(dir.FullName);
            var bad = pastTrainingSet ? good with { MoreStarts = 65 } : name switch
            {
                "FewerStarts" => good with { FewerStarts = 0 },
                "TrainStarts" => good with { TrainStarts = good.FewerStarts },
                "MoreStarts" => good with { MoreStarts = good.TrainStarts },
                "TestImages" => good with { TestImages = 0 },
                "Neighbours" => good with { Neighbours = good.TrainStarts + 1 },
                "Radius" => good with { Radius = 0 },
                "CoarseRadius" => good with { CoarseRadius = good.Radius },
                "CosineThreshold" => good with { CosineThreshold = 1 },
                "FirstSteps" => good with { FirstSteps = 1 },
                "Bottlenecks" => good with { Bottlenecks = [2, good.Recipe.LatentDim] },
                _ => throw new ArgumentException(name),
            };
            var ex = Assert.Throws<ArgumentOutOfRangeException>(() => OodAblation.Run("fashion-mnist", bad));
            Assert.Equal(name, ex.ParamName);
            Assert.Empty(Directory.GetFiles(dir.FullName));
        }
        finally { dir.Delete(recursive: true); }
    }

    [Fact]
    public void ScorerMatchesTheClosedFormPathOfALinearContraction()
    {
        // f(z) = z / 2 + (0.5, -0.5): fixed point a = (1, -1), and z_t - a = (z_0 - a) / 2^t, so the distance along the
        // path halves each step. Start (3, -1): d_0 = 2.
        using var map = new LatentMap(LinearAutoencoder.Scaled(0.5, [0.5, -0.5]));
        float[] attractor = [1, -1];
        float[] scale = [2, 1];
        var sets = new OodPathScorer.Set[]
        {
            new(attractor, OodPathScorer.Metric.Raw), new(attractor, OodPathScorer.Metric.Standardised), new(attractor, OodPathScorer.Metric.Cosine),
        };
        var scores = OodPathScorer.Score(map, [3f, -1f], sets, scale, firstSteps: 10, new TrajectoryOptions());
        int points = scores.Trajectories.Steps[0] + 1; // the start and every iterate
        Assert.True(points > 10);
        Assert.Equal(2.0, scores.Start[0], 6);
        Assert.Equal(2.0 * (2 - Math.Pow(2, -9)) / 10, scores.First[0], 6); // mean of 2, 1, 1/2, ..., 2^-8
        Assert.Equal(2.0 * Math.Pow(2, 1 - points), scores.End[0], 5);
        Assert.Equal(2.0 * (2 - Math.Pow(2, 1 - points)) / points, scores.Whole[0][0], 6);
        // Standardised: the offset (2, 0) scales to (4, 0) and still halves each step.
        Assert.Equal(4.0 * (2 - Math.Pow(2, 1 - points)) / points, scores.Whole[1][0], 5);
        // Cosine distance at the start: 1 - (3 + 1) / (sqrt(10) sqrt(2)); along the path z_t = (1 + 2^(1-t), -1).
        double cosine = 0;
        for (int t = 0; t < points; t++)
        {
            double x = 1 + Math.Pow(2, 1 - t);
            cosine += 1 - (x + 1) / (Math.Sqrt(x * x + 1) * Math.Sqrt(2));
        }
        Assert.Equal(cosine / points, scores.Whole[2][0], 5);
    }

    [Fact]
    public void SameSeedGivesTheSameNumbersAndTheControlIsTheBenchmarksScore()
    {
        var dir = Directory.CreateTempSubdirectory("lwb-why-ood");
        try
        {
            var options = Tiny(dir.FullName) with { Bottlenecks = [2] };
            var first = OodAblation.Run("fashion-mnist", options);
            var second = OodAblation.Run("fashion-mnist", options);
            Assert.Equal(first.Conditions, second.Conditions);
            Assert.Equal(first.KnnAuroc, second.KnnAuroc);
            Assert.Equal(first.In, second.In);
            Assert.Equal(first.Out, second.Out);
            Assert.Equal(["control", "start", "first-steps", "end-point", "all-endpoints", "coarse-radius", "cosine-merge", "standardised",
                "cosine-distance", "fewer-starts", "more-starts", "training-latents", "bottleneck-2"], first.Conditions.Select(c => c.Name));
            Assert.Equal(40, first["training-latents"].Attractors);
            Assert.True(first["coarse-radius"].Attractors <= first.Control.Attractors);
            Assert.True(first["all-endpoints"].Attractors >= first.Control.Attractors);

            // Independent reference: the benchmark on the same model, starts and test images (its own trajectories).
            var bench = OodBenchmark.Run("fashion-mnist", new OodBenchmarkOptions
            {
                Recipe = options.Recipe, TrainStarts = options.TrainStarts, TestImages = options.TestImages, Neighbours = options.Neighbours,
                Seed = options.Seed, ModelDirectory = dir.FullName, PrintTraining = false, Trajectory = options.Trajectory, PathLengths = [1, 10],
            });
            Assert.Equal(bench.TrainingAttractors.Count, first.Control.Attractors);
            double Auroc(string method) => LatentWorkbench.Metrics.DetectionMetrics.Auroc(bench.Scores.First(s => s.Method == method).In, bench.Scores.First(s => s.Method == method).Out);
            Assert.Equal(Auroc("trajectory"), first.Control.Auroc, 9);
            Assert.Equal(Auroc("knn"), first.KnnAuroc, 9);
            Assert.Equal(LatentWorkbench.Metrics.DetectionMetrics.Auroc(bench.PathPrefixScores[0].In, bench.PathPrefixScores[0].Out), first["start"].Auroc, 9);
            Assert.Equal(LatentWorkbench.Metrics.DetectionMetrics.Auroc(bench.PathPrefixScores[1].In, bench.PathPrefixScores[1].Out), first["first-steps"].Auroc, 9);
            Assert.Equal(bench.Scores.First(s => s.Method == "trajectory").Out.Average(), first.Out.PathScore, 9);

            // H5: the benchmark on the recipe retrained at k = 2 is the bottleneck condition.
            var small = OodBenchmark.Run("fashion-mnist", new OodBenchmarkOptions
            {
                Recipe = options.Recipe with { LatentDim = 2 }, TrainStarts = options.TrainStarts, TestImages = options.TestImages, Neighbours = options.Neighbours,
                Seed = options.Seed, ModelDirectory = dir.FullName, PrintTraining = false, Trajectory = options.Trajectory,
            });
            var smallTrajectory = small.Scores.First(s => s.Method == "trajectory");
            Assert.Equal(LatentWorkbench.Metrics.DetectionMetrics.Auroc(smallTrajectory.In, smallTrajectory.Out), first["bottleneck-2"].Auroc, 9);
            Assert.Equal(small.TrainingAttractors.Count, first["bottleneck-2"].Attractors);
            Assert.Equal(2, Assert.Single(first.BottleneckModels).Recipe.LatentDim);

            var figure = JsonNode.Parse(DetectionFigures.Ablation([first, second]).ToJson())!;
            var bars = figure["data"]!.AsArray();
            Assert.Single(bars); // one in/out pair
            Assert.Equal(first.Conditions.Count + 1, bars[0]!["y"]!.AsArray().Count); // every condition and kNN
            Assert.Equal(first.Control.Auroc, bars[0]!["y"]![0]!.GetValue<double>(), 12);
            Assert.Equal(0, bars[0]!["error_y"]!["array"]![0]!.GetValue<double>(), 12); // two identical seeds: no spread
        }
        finally { dir.Delete(recursive: true); }
    }

    private static JsonNode Summary(double knn, (double Mean, double Sd) fashionControl, (double Mean, double Sd) mnistControl,
        params (string In, string Condition, double Auroc, double Delta, double DeltaSd)[] rows)
    {
        static JsonNode Number(double mean, double sd) => new JsonObject { ["mean"] = mean, ["sd"] = sd, ["values"] = new JsonArray(mean - sd, mean, mean + sd) };
        var array = new JsonArray
        {
            new JsonObject { ["in"] = "fashion-mnist", ["condition"] = "control", ["auroc"] = Number(fashionControl.Mean, fashionControl.Sd), ["auroc_delta"] = 0 },
            new JsonObject { ["in"] = "mnist", ["condition"] = "control", ["auroc"] = Number(mnistControl.Mean, mnistControl.Sd), ["auroc_delta"] = 0 },
        };
        foreach (var (inData, condition, auroc, delta, deltaSd) in rows)
            array.Add(new JsonObject { ["in"] = inData, ["condition"] = condition, ["auroc"] = Number(auroc, 0.1), ["auroc_delta"] = Number(delta, deltaSd) });
        return new JsonObject
        {
            ["directions"] = new JsonArray { new JsonObject { ["in"] = "mnist", ["knn_auroc"] = Number(knn, 0.02) } },
            ["rows"] = array,
        };
    }

    private static Hypothesis Path => OodHypotheses.All.Single(h => h.Statement.StartsWith("H3", StringComparison.Ordinal));

    [Fact]
    public void HypothesisIsSupportedWhenAVariantClearlyLiftsFashionInAboveTheTarget()
    {
        var json = Summary(0.90, (0.46, 0.12), (0.72, 0.07),
            ("fashion-mnist", "start", 0.75, 0.29, 0.05), ("fashion-mnist", "first-steps", 0.50, 0.04, 0.01), ("fashion-mnist", "end-point", 0.40, -0.06, 0.02),
            ("mnist", "start", 0.70, -0.02, 0.01), ("mnist", "first-steps", 0.73, 0.01, 0.01), ("mnist", "end-point", 0.60, -0.12, 0.03));
        var check = Path.Check(json)!;
        Assert.Equal(HypothesisVerdict.Supported, check.Verdict);
        Assert.Contains("Fashion in: control 0.460 ± 0.120 vs start 0.750 ± 0.100 (Δ +0.290 ± 0.050)", check.Evidence);
        Assert.Contains("kNN 0.900 ± 0.020", check.Evidence);
    }

    [Fact]
    public void HypothesisIsRuledOutOnlyWhenNoVariantCouldCloseHalfTheGap()
    {
        // Half the gaps: Fashion in (0.6 - 0.46) / 2 = 0.07, MNIST in (0.85 - 0.72) / 2 = 0.065. Even mean + 2 standard
        // errors (sd / sqrt 3) of every change stays below them: MNIST start 0.02 + 0.012, Fashion first steps 0.01 + 0.012.
        var json = Summary(0.90, (0.46, 0.12), (0.72, 0.07),
            ("fashion-mnist", "start", 0.35, -0.11, 0.05), ("fashion-mnist", "first-steps", 0.47, 0.01, 0.01), ("fashion-mnist", "end-point", 0.43, -0.03, 0.02),
            ("mnist", "start", 0.74, 0.02, 0.01), ("mnist", "first-steps", 0.73, 0.01, 0.01), ("mnist", "end-point", 0.60, -0.12, 0.03));
        Assert.Equal(HypothesisVerdict.RuledOut, Path.Check(json)!.Verdict);
        // The same mean change with a spread over seeds that could hide half the gap (0.02 + 2 x 0.1 / sqrt 3) stays open.
        var noisy = Summary(0.90, (0.46, 0.12), (0.72, 0.07),
            ("fashion-mnist", "start", 0.35, -0.11, 0.05), ("fashion-mnist", "first-steps", 0.47, 0.01, 0.01), ("fashion-mnist", "end-point", 0.43, -0.03, 0.02),
            ("mnist", "start", 0.74, 0.02, 0.10), ("mnist", "first-steps", 0.73, 0.01, 0.01), ("mnist", "end-point", 0.60, -0.12, 0.03));
        Assert.Equal(HypothesisVerdict.Inconclusive, Path.Check(noisy)!.Verdict);
        // A clear lift that closes less than half the gap to kNN (0.72 -> 0.78, target 0.85) is inconclusive.
        var partial = Summary(0.90, (0.46, 0.12), (0.72, 0.07),
            ("fashion-mnist", "start", 0.35, -0.11, 0.05), ("fashion-mnist", "first-steps", 0.47, 0.01, 0.01), ("fashion-mnist", "end-point", 0.43, -0.03, 0.02),
            ("mnist", "start", 0.78, 0.06, 0.01), ("mnist", "first-steps", 0.73, 0.01, 0.01), ("mnist", "end-point", 0.60, -0.12, 0.03));
        Assert.Equal(HypothesisVerdict.Inconclusive, Path.Check(partial)!.Verdict);
        Assert.Null(Path.Check(JsonNode.Parse("{\"rows\": []}")!));
    }

    [Fact]
    public void EveryHypothesisFindsItsNumbersInWhatTheExperimentPrints()
    {
        var json = JsonNode.Parse(File.ReadAllText(System.IO.Path.Combine(AppContext.BaseDirectory, "fixtures", "reproduce", "why-ood.json")))!;
        Assert.Equal(5, OodHypotheses.All.Count);
        foreach (var hypothesis in OodHypotheses.All)
        {
            Assert.Contains(Experiments.ExperimentCatalog.All, e => e.Name == hypothesis.Experiment);
            Assert.Contains(hypothesis, HypothesisCatalog.All);
            Assert.True(hypothesis.Check(json) is not null, $"'{hypothesis.Statement}' finds no numbers in why-ood.json");
        }
    }
}
