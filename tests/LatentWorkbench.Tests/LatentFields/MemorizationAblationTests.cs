using System.Globalization;
using System.Text.Json.Nodes;
using LatentWorkbench.Data;
using LatentWorkbench.Engine;
using LatentWorkbench.Experiments;
using LatentWorkbench.Figures;
using LatentWorkbench.LatentFields;
using LatentWorkbench.Progress;
using LatentWorkbench.Reproduction;
using LatentWorkbench.Training;

namespace LatentWorkbench.Tests.LatentFields;

public class MemorizationAblationTests
{
    static MemorizationAblationTests() => ProgressBar.Enabled = false;

    private static MemorizationAblationOptions Tiny(string modelDirectory) => new()
    {
        Control = new MemorizationSweepOptions
        {
            Epochs = 1, TrainSamples = 64, TestSamples = 32, ConvWidth = 4, BatchSize = 32, LrSchedule = null, AttractorStarts = 16,
            NullSamples = 12, Seed = 3, ModelDirectory = modelDirectory, PrintTraining = false,
            Attractors = new AttractorOptions { ComputeStability = false, Trajectory = new TrajectoryOptions { MaxIterations = 100 } },
        },
        SmallK = 2, LargeK = 4, SmallTrainSamples = 32, LongEpochs = 2,
    };

    [Fact]
    public void BadOptionsAreNamed()
    {
        string Name(MemorizationAblationOptions o) => Assert.ThrowsAny<ArgumentException>(() => MemorizationAblation.Run(o)).ParamName!;
        var quick = MemorizationAblationOptions.Quick();
        Assert.Equal("SmallK", Name(quick with { SmallK = 0 }));
        Assert.Equal("LargeK", Name(quick with { LargeK = 2 }));
        Assert.Equal("SmallTrainSamples", Name(quick with { SmallTrainSamples = 4000 }));
        Assert.Equal("SmallTrainSamples", Name(quick with { SmallTrainSamples = 0 }));
        Assert.Equal("LongEpochs", Name(quick with { LongEpochs = 6 }));
        Assert.Equal("Dataset", Name(quick with { Dataset = " " }));
        Assert.Equal("Control", Name(quick with { Control = null! }));
        // The control's own validation names its option.
        Assert.Equal("AttractorStarts", Name(quick with { Control = quick.Control with { AttractorStarts = 0 } }));
    }

    [Fact]
    public void CropCenterUndoesThePaddingOfTheConvModelsInput()
    {
        var g = new Generator(11);
        var images = new float[2 * 784];
        for (int i = 0; i < images.Length; i++) images[i] = g.NextFloat();
        var padded = new float[2 * 1024];
        for (int i = 0; i < 2; i++)
            Transforms.PadTo32.Apply(images.AsSpan(i * 784, 784), [1, 28, 28], padded.AsSpan(i * 1024, 1024));
        var cropped = MemorizationAblation.CropCenter(Tensor.FromArray(padded, 2, 1024), 1, 28, 28);
        Assert.Equal([2, 784], cropped.Shape);
        Assert.Equal(images, cropped.ToArray());
        // Rows already at the image size pass through; a size that is no padded square is refused.
        Assert.Equal(images, MemorizationAblation.CropCenter(Tensor.FromArray(images, 2, 784), 1, 28, 28).ToArray());
        Assert.Throws<ArgumentException>(() => MemorizationAblation.CropCenter(Tensor.Zeros(2, 1000), 1, 28, 28));
    }

    [Fact]
    public void TinyRunChangesOneFactorPerConditionAndIsReproducibleFromTheSeed()
    {
        var first = Directory.CreateTempSubdirectory("lwb-ablation-a");
        var second = Directory.CreateTempSubdirectory("lwb-ablation-b");
        try
        {
            var options = Tiny(first.FullName);
            var result = MemorizationAblation.Run(options);
            Assert.Equal(["control k=2", "control k=4", "mlp k=2", "mlp k=4", "32 images k=4", "2 epochs k=2", "2 epochs k=4"], result.Conditions.Select(c => c.Name));
            Assert.Equal([64, 64, 64, 64, 32, 64, 64], result.Conditions.Select(c => c.TrainSamples));
            // Half the images for twice the epochs: as many optimiser steps as the control.
            Assert.Equal([1, 1, 1, 1, 2, 2, 2], result.Conditions.Select(c => c.Epochs));
            Assert.Equal(2, result.Conditions.Count(c => c.Architecture == AutoencoderKind.Mlp));

            // The control rows are the memorisation sweep's cells: same model, starts, search and null.
            var sweep = MemorizationSweep.Run(options.Control with { Datasets = ["mnist"], CifarWhenPresent = false, Ks = [2, 4] });
            foreach (var row in sweep.Rows)
            {
                var control = result.Find(MemorizationFactor.Control, row.K)!;
                Assert.Equal(row.MemorizationMean, control.Memorization, 12);
                Assert.Equal(row.NullMemorization, control.NullMemorization, 12);
                Assert.Equal(row.Attractors, control.Attractors);
                Assert.Equal(row.TestMse, control.TestMse, 12);
                Assert.Equal(row.MeanImageMse, control.MeanImageMse, 12);
            }

            Assert.All(result.Conditions, c =>
            {
                // Zero padding adds nothing to a test-to-train cosine, so the null is the same both ways.
                Assert.Equal(c.NullMemorization, c.NullUnpadded, 5);
                Assert.InRange(c.MemorizationUnpadded, -1, 1);
                Assert.True(c.Attractors >= 1);
            });
            // The MLP's input is the 28 x 28 image: both measurements are one.
            Assert.All(result.Conditions.Where(c => c.Architecture == AutoencoderKind.Mlp), c => Assert.Equal(c.Memorization, c.MemorizationUnpadded, 12));

            // Same seed, fresh cache: every model retrains to the same numbers.
            var again = MemorizationAblation.Run(options with { Control = options.Control with { ModelDirectory = second.FullName } });
            Assert.Equal(result.Conditions, again.Conditions);

            var json = WhyMemorizationExperiment.ToJson(result);
            Assert.Equal("training-set-size", ResultPath.Find(json, "conditions[condition=32 images k=4].factor")!.GetValue<string>());
        }
        finally
        {
            first.Delete(recursive: true);
            second.Delete(recursive: true);
        }
    }

    // A summary row as SeedSummary.Combine writes it for three seeds: values m - sd, m, m + sd have sample sd exactly sd.
    // One seed: a plain number, as the summary of a single seed holds it.
    private static JsonNode Number(double mean, double sd, int seeds = 3) => seeds == 1
        ? JsonValue.Create(mean)
        : new JsonObject { ["mean"] = mean, ["sd"] = sd, ["values"] = new JsonArray(mean - sd, mean, mean + sd) };

    private static JsonObject Row(string factor, int k, double memorization, double unpadded, double sd = 0.02,
        int trainSamples = 4000, int epochs = 6, double testMse = 0.03, int seeds = 3) => new()
    {
        ["factor"] = factor, ["k"] = k, ["train_samples"] = trainSamples, ["epochs"] = epochs, ["attractors"] = Number(3, 1, seeds),
        ["memorization_mean"] = Number(memorization, sd, seeds), ["memorization_unpadded"] = Number(unpadded, sd, seeds),
        ["null_memorization"] = Number(0.86, 0.005, seeds), ["null_unpadded"] = Number(0.86, 0.005, seeds),
        ["test_mse"] = Number(testMse, 0.002, seeds), ["mean_image_mse"] = 0.0513, ["degenerate"] = false,
    };

    // Parsed back from text, as the report reads results/<experiment>.json (numbers built in code do not read as double).
    private static JsonNode Summary(params JsonObject[] rows) => JsonNode.Parse(new JsonObject { ["conditions"] = new JsonArray(rows.Select(r => r.DeepClone()).ToArray()) }.ToJsonString())!;

    private static HypothesisVerdict Verdict(int index, JsonNode summary) => MemorizationHypotheses.All[index].Check(summary)!.Verdict;

    [Fact]
    public void H1MetricIsSupportedOnlyWhenThe28x28NumbersMoveTowardsThePaperByMoreThanTheSeedSd()
    {
        // Ruled out: the unpadded coefficients are within 0.01 of the padded ones (sd 0.02).
        var same = Summary(Row("control", 2, 0.72, 0.73), Row("control", 128, 0.89, 0.895));
        Assert.Equal(HypothesisVerdict.RuledOut, Verdict(0, same));
        // Supported: on 28 x 28 pixels k = 2 rises by 0.10.
        var moved = Summary(Row("control", 2, 0.72, 0.82), Row("control", 128, 0.89, 0.90));
        var check = MemorizationHypotheses.All[0].Check(moved)!;
        Assert.Equal(HypothesisVerdict.Supported, check.Verdict);
        Assert.Contains("k=2 0.720 ± 0.020", check.Evidence);
        Assert.Contains("k=2 0.820 ± 0.020", check.Evidence);
        // The same move inside a larger seed spread (sd 0.15) does not count.
        var noisy = Summary(Row("control", 2, 0.72, 0.82, sd: 0.15), Row("control", 128, 0.89, 0.90));
        Assert.Equal(HypothesisVerdict.RuledOut, Verdict(0, noisy));
    }

    [Fact]
    public void H2ArchitectureComparesTheMlpWithTheConvModelOn28x28Pixels()
    {
        var conv = new[] { Row("control", 2, 0.70, 0.72), Row("control", 128, 0.88, 0.89) };
        Assert.Equal(HypothesisVerdict.RuledOut, Verdict(1, Summary([.. conv, Row("architecture", 2, 0.71, 0.71), Row("architecture", 128, 0.90, 0.90)])));
        // The MLP's k = 2 is 0.13 above the conv model's, and the trend reverses.
        Assert.Equal(HypothesisVerdict.Supported, Verdict(1, Summary([.. conv, Row("architecture", 2, 0.85, 0.85), Row("architecture", 128, 0.80, 0.80)])));
        Assert.Null(MemorizationHypotheses.All[1].Check(Summary(conv)));
    }

    [Fact]
    public void H3TrainingSetSizeAskingWhetherTheSmallerSetMemorisesMore()
    {
        var control = Row("control", 128, 0.88, 0.88);
        Assert.Equal(HypothesisVerdict.Supported, Verdict(2, Summary(control, Row("training-set-size", 128, 0.93, 0.93, trainSamples: 1000))));
        // Lower on the smaller set: a move away from the paper rules it out.
        var check = MemorizationHypotheses.All[2].Check(Summary(control, Row("training-set-size", 128, 0.84, 0.84, trainSamples: 1000, epochs: 24)))!;
        Assert.Equal(HypothesisVerdict.RuledOut, check.Verdict);
        Assert.Contains("on 4000 images x 6 epochs 0.880 ± 0.020", check.Evidence);
        Assert.Contains("vs 1000 images x 24 epochs 0.840 ± 0.020", check.Evidence);
    }

    [Fact]
    public void H4TrainingLengthAndTheDegenerateAndSingleSeedCases()
    {
        var control = Row("control", 2, 0.72, 0.72);
        Assert.Equal(HypothesisVerdict.Supported, Verdict(3, Summary(control, Row("training-length", 2, 0.86, 0.86, epochs: 24))));
        Assert.Equal(HypothesisVerdict.RuledOut, Verdict(3, Summary(control, Row("training-length", 2, 0.73, 0.73, epochs: 24))));
        // A long-trained model that does not beat the mean image in one seed makes the check inconclusive, though the
        // summary's "degenerate" flag comes from the first seed only.
        var collapsed = Row("training-length", 2, 0.95, 0.95, epochs: 24);
        collapsed["test_mse"] = new JsonObject { ["mean"] = 0.045, ["sd"] = 0.01, ["values"] = new JsonArray(0.04, 0.035, 0.06) };
        Assert.Equal(HypothesisVerdict.Inconclusive, Verdict(3, Summary(control, collapsed)));
        // One seed: no spread to compare the shift with.
        var oneSeed = Summary(Row("control", 2, 0.72, 0.72, seeds: 1), Row("training-length", 2, 0.86, 0.86, epochs: 24, seeds: 1));
        Assert.Equal(HypothesisVerdict.Inconclusive, Verdict(3, oneSeed));
    }

    [Fact]
    public void TheFigureShowsTheMeanAndSampleSdOverSeedsPerCondition()
    {
        MemorizationCondition C(string name, double m, double mse = 0.03) =>
            new(name, MemorizationFactor.Control, AutoencoderKind.Conv, 2, 4000, 6, 1, 1, m, 0, 0.86, m + 0.01, 0.86, mse, 0.05);
        var seeds = new[]
        {
            new MemorizationAblationResult([C("control k=2", 0.6), C("control k=128", 0.9)]),
            new MemorizationAblationResult([C("control k=2", 0.8), C("control k=128", 0.9, mse: 0.07)]),
        };
        var fig = LatentFieldFigures.MemorizationAblation(seeds);
        var bars = fig.Traces.OfType<BarTrace>().ToArray();
        Assert.Equal(3, bars.Length);
        Assert.Equal(0.7, bars[0].Values[0], 12);
        Assert.Equal(Math.Sqrt(0.02), bars[0].Errors!.Value[0], 12); // sample sd of {0.6, 0.8}
        Assert.Equal(0, bars[0].Errors!.Value[1], 12);
        Assert.Equal(0.71, bars[1].Values[0], 12);
        Assert.Contains("degenerate (does not beat the mean image): control k=128", fig.Title);
        Assert.Throws<ArgumentException>(() => LatentFieldFigures.MemorizationAblation([seeds[0], new MemorizationAblationResult([C("other", 0.5), C("control k=128", 0.9)])]));
    }
}
