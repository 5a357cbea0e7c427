using LatentWorkbench.Engine;
using LatentWorkbench.LatentFields;
using LatentWorkbench.Models;
using LatentWorkbench.Progress;
using LatentWorkbench.Training;

namespace LatentWorkbench.Tests.LatentFields;

public class AttractorTrackingTests
{
    static AttractorTrackingTests() => ProgressBar.Enabled = false;

    /// <summary>f(z) = z / 2 + (1, 0) with D the identity: one attractor at (2, 0), reached geometrically.</summary>
    private static LinearAutoencoder Contraction() => LinearAutoencoder.Scaled(0.5, [1.0, 0.0]);

    private static Tensor Rows(float x, float y, int n)
    {
        var data = new float[2 * n];
        for (int i = 0; i < n; i++) { data[2 * i] = x + 1e-4f * i; data[2 * i + 1] = y; }
        return Tensor.FromArray(data, n, 2);
    }

    [Fact]
    public void TrainingStartsAtTheAttractorAreSeparatedFromSlowNoiseStarts()
    {
        // E(x) = x / 2 + (1, 0), so images at (2, 0) encode onto the attractor and stop after 2 evaluations, while
        // N(0, I) starts need about ten halvings of their distance to (2, 0): every noise start is slower.
        var model = Contraction();
        var reference = Tensor.FromArray(new float[] { 1, 0, 0, 1 }, 2, 2);
        var cb = new AttractorTrackingCallback(model, Rows(2, 0, 20), reference, noiseStarts: 50, seed: 1);
        var s = cb.Observe(3, 0.25);
        Assert.Equal(3, s.Epoch);
        Assert.Equal(1, s.Attractors);
        Assert.Equal(1, s.NoiseAttractors);
        Assert.Equal(1.0, s.Memorization, 1e-6);       // D(z*) = (2, 0) is parallel to the reference (1, 0)
        Assert.Equal(1.0, s.ChamferSimilarity, 1e-6);  // both sets are {(2, 0)}
        Assert.Equal(2.0, s.MeanStepsTrain);
        Assert.True(s.MeanStepsNoise > 6, $"noise starts took {s.MeanStepsNoise} steps");
        Assert.Equal(0.0, s.Fpr95);
        Assert.Equal(0.25, s.TestMse);

        // Images far away (x = 400 encodes to 201) take longer than every noise start: all of them are flagged.
        var far = new AttractorTrackingCallback(model, Rows(400, 0, 20), reference, noiseStarts: 50, seed: 1);
        var f = far.Observe(0, double.NaN);
        Assert.True(f.MeanStepsTrain > f.MeanStepsNoise);
        Assert.Equal(1.0, f.Fpr95);
    }

    [Fact]
    public void CallbackRecordsEpochZeroAndEveryEpochOfARealRun()
    {
        var recipe = new AutoencoderRecipe { Dataset = "mnist", LatentDim = 2, Epochs = 2, TrainSamples = 96, TestSamples = 32, Seed = 5 };
        var train = recipe.LoadSplit("train");
        Assert.Equal(96, train.Count);
        var images = train.Images.Contiguous().Reshape(96, 784);
        AttractorTrackingCallback? cb = null;
        var run = recipe.Train(options: new TrainingOptions { Epochs = 2, ShowProgress = false, PrintEpochSummary = false },
            callbacks: m => [cb = new AttractorTrackingCallback(m, images.Narrow(0, 0, 12), images, noiseStarts: 12, seed: 2)]);
        Assert.NotNull(cb);
        Assert.Equal([0, 1, 2], cb.History.Select(h => h.Epoch));
        Assert.True(double.IsNaN(cb.History[0].TestMse));
        for (int e = 1; e <= 2; e++)
        {
            Assert.Equal(run.History[e - 1].TestLoss!.Value, cb.History[e].TestMse);
            Assert.Equal(cb.History[e].Fpr95, run.History[e - 1].Extra["fpr95_noise"]);
            Assert.Equal(cb.History[e].Attractors, run.History[e - 1].Extra["attractors"]);
        }
        Assert.All(cb.History, h =>
        {
            Assert.InRange(h.Fpr95, 0, 1);
            Assert.True(h.Attractors >= 1);
            Assert.InRange(h.Memorization, -1, 1);
        });
    }

    [Fact]
    public void ObservingEveryOtherEpochSkipsTheOthersAndRejectsZero()
    {
        var recipe = new AutoencoderRecipe { Dataset = "mnist", LatentDim = 2, Epochs = 4, TrainSamples = 64, TestSamples = 32, Seed = 6 };
        var images = recipe.LoadSplit("train").Images.Contiguous().Reshape(64, 784);
        AttractorTrackingCallback? cb = null;
        var run = recipe.Train(options: new TrainingOptions { Epochs = 4, ShowProgress = false, PrintEpochSummary = false },
            callbacks: m => [cb = new AttractorTrackingCallback(m, images.Narrow(0, 0, 8), images, noiseStarts: 8, seed: 2, every: 2)]);
        Assert.NotNull(cb);
        Assert.Equal([0, 2, 4], cb.History.Select(h => h.Epoch));
        Assert.Equal([false, true, false, true], run.History.Select(h => h.Extra.ContainsKey("attractors")));
        Assert.Equal(run.History[3].TestLoss!.Value, cb.History[2].TestMse);

        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new AttractorTrackingCallback((IAutoencoder)recipe.BuildModel(1), images, images, every: 0));
        Assert.Equal("every", e.ParamName);
    }

    [Fact]
    public void StepScheduleDecaysTheRateAndEntersTheCacheKeyOnlyWhenSet()
    {
        var recipe = new AutoencoderRecipe { Dataset = "mnist", LatentDim = 2, Epochs = 3, TrainSamples = 64, TestSamples = 32, Seed = 1, LrSchedule = new StepSchedule(1, 0.5) };
        var run = recipe.Train(options: new TrainingOptions { Epochs = 3, ShowProgress = false, PrintEpochSummary = false });
        Assert.Equal([5e-4, 2.5e-4, 1.25e-4], run.History.Select(h => Math.Round(h.LearningRate, 9)));

        var plain = recipe with { LrSchedule = null };
        Assert.NotEqual(ModelCache.Key(plain), ModelCache.Key(recipe));
        Assert.NotEqual(ModelCache.Key(recipe), ModelCache.Key(recipe with { LrSchedule = new StepSchedule(2, 0.5) }));
        Assert.Equal(ModelCache.Key(recipe), ModelCache.Key(recipe with { LrSchedule = new StepSchedule(1, 0.5) }));
        Assert.Throws<ArgumentOutOfRangeException>(() => (recipe with { LrSchedule = new StepSchedule(0, 0.5) }).Train());
    }
}
