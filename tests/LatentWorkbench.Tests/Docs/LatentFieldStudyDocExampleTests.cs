using LatentWorkbench.Figures;
using LatentWorkbench.LatentFields;
using LatentWorkbench.Metrics;
using LatentWorkbench.Progress;
using LatentWorkbench.Training;

namespace LatentWorkbench.Tests.Docs;

/// <summary>
/// The &lt;example&gt; code of the latent-field studies. The examples run the quick configurations (minutes of training);
/// here the same calls run on tiny recipes (one epoch on a few hundred images) with what the examples read, so a
/// renamed option or result field breaks a test. FieldAttractors and DictionaryBenchmark keep their models in the default
/// cache (data/models), the others in a temporary folder.
/// </summary>
public class LatentFieldStudyDocExampleTests
{
    static LatentFieldStudyDocExampleTests() => ProgressBar.Enabled = false;

    private static AutoencoderRecipe TinyMlp(int k) =>
        LatentFieldSetup.Recipe("mnist", k, quick: true, seed: 0) with { Epochs = 1, TrainSamples = 256, TestSamples = 64, LearningRate = 2e-3f };

    private static readonly TrajectoryOptions Short = new() { MaxIterations = 200 };

    [Fact]
    public void FieldAttractorsRun()
    {
        var options = FieldAttractorsOptions.For(quick: true, seed: 0) with
        {
            Recipe = TinyMlp(2), TrainStarts = 40, GridPerAxis = 4, Attractors = new AttractorOptions { Trajectory = Short },
        };
        var result = FieldAttractors.Run(options);
        Console.WriteLine($"{result.Attractors.Count} attractors, max spectral radius {result.Attractors.MaxSpectralRadius:F3}");

        Assert.Equal(40, result.TrainStarts);
        Assert.Equal(40 + 16, result.Attractors.Trajectories.Count);
        Assert.Equal(result.Attractors.Count, result.Attractors.Stability.Count);
    }

    [Fact]
    public void DictionaryBenchmarkRun()
    {
        var options = DictionaryBenchmarkOptions.For(quick: true, seed: 0) with { Recipe = TinyMlp(8), TestImages = 20, Trajectory = Short };
        var result = DictionaryBenchmark.Run(options);
        Console.WriteLine($"attractors win in {result.AttractorWins} of {result.Rows.Count} settings");

        // 2 model datasets x 2 coded datasets x the sparsity levels of k = 8 (5% and 10% both round to 1 atom).
        Assert.Equal([1, 2, 4], options.SparsityLevels());
        Assert.Equal(2 * 2 * 3, result.Rows.Count);
        Assert.InRange(result.AttractorWins, 0, result.Rows.Count);
        Assert.Equal(["mnist", "fashion-mnist"], result.Models.Select(m => m.Dataset));
    }

    [Fact]
    public void MemorizationSweepRunAndMeanImageBaseline()
    {
        var dir = Directory.CreateTempSubdirectory("lwb-doc-sweep");
        try
        {
            var options = MemorizationSweepOptions.Quick(seed: 0) with
            {
                Datasets = ["mnist"], CifarWhenPresent = false, Ks = [2], Epochs = 1, TrainSamples = 64, TestSamples = 32, ConvWidth = 4,
                AttractorStarts = 8, NullSamples = 8, ModelDirectory = dir.FullName, PrintTraining = false,
            };
            var result = MemorizationSweep.Run(options);
            foreach (var row in result.Rows)
                Console.WriteLine($"{row.Dataset} k={row.K}: memorisation {row.MemorizationMean:F3} vs null {row.NullMemorization:F3}{(row.Degenerate ? " (degenerate)" : "")}");
            var only = Assert.Single(result.Rows);
            Assert.InRange(only.MemorizationMean, -1, 1);

            var recipe = options.Recipe("mnist", 2);
            var run = ModelCache.TrainOrLoad(recipe, dir.FullName);
            var baseline = MeanImageBaseline.Of(recipe);          // the recipe's own train and test subsets
            bool collapsed = baseline.IsDegenerate(run.TestMse);  // true when the model does not beat the mean image
            Assert.Equal(only.MeanImageMse, baseline.TestMse, 12);
            Assert.Equal(only.Degenerate, collapsed);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void OodBenchmarkRun()
    {
        var dir = Directory.CreateTempSubdirectory("lwb-doc-ood");
        try
        {
            var options = OodBenchmark.Options("mnist", OodBenchmark.DefaultLatentDim, quick: true, seed: 0) with
            {
                Recipe = TinyMlp(4), TrainStarts = 60, TestImages = 20, Neighbours = 5, ModelDirectory = dir.FullName, PrintTraining = false,
                Trajectory = Short,
            };
            var result = OodBenchmark.Run("fashion-mnist", options);
            var (_, inScores, outScores) = result.Scores.First(s => s.Method == "trajectory");
            double auroc = DetectionMetrics.Auroc(inScores, outScores);

            Assert.Equal(20, inScores.Length);
            Assert.Equal(20, outScores.Length);
            Assert.InRange(auroc, 0, 1);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void AttractorKindStudyRun()
    {
        var dir = Directory.CreateTempSubdirectory("lwb-doc-kinds");
        try
        {
            var options = AttractorKindStudyOptions.Quick() with
            {
                Datasets = ["fashion-mnist"], Ks = [2], Epochs = 1, TrainSamples = 256, TestSamples = 64, TrainStarts = 12, NoiseStarts = 8,
                ModelDirectory = dir.FullName, PrintTraining = false, Classifier = new AttractorKindOptions { MaxIterations = 400 },
            };
            var study = AttractorKindStudy.Run(options);
            var cell = study["fashion-mnist", 2];
            Console.WriteLine(cell.Kinds);                      // counts per kind, cycles by period
            var figure = AttractorKindFigures.Cycles(cell.Kinds);

            Assert.StartsWith("20 starts:", cell.Kinds.ToString());
            Assert.NotNull(figure);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void AttractorDynamicsRun()
    {
        var options = AttractorDynamicsOptions.Quick(MemorizationSweepOptions.Quick(), k: 4, epochs: 1) with
        {
            TrackedImages = 16, NoiseStarts = 16, ReferenceImages = 64, PrintTraining = false,
            Attractors = new AttractorOptions { ComputeStability = false, Trajectory = Short },
        };
        options = options with { Recipe = options.Recipe with { TrainSamples = 128, TestSamples = 32, ConvWidth = 4 } };
        var result = AttractorDynamics.Run(options);
        foreach (var epoch in result.History)
            Console.WriteLine($"epoch {epoch.Epoch}: {epoch.Attractors} attractors, memorisation {epoch.Memorization:F3}");

        Assert.Equal([0, 1], result.History.Select(h => h.Epoch));
        Assert.True(double.IsNaN(result.History[0].TestMse));
    }

    [Fact]
    public void ModelCacheTrainsOnceThenLoads()
    {
        var dir = Directory.CreateTempSubdirectory("lwb-doc-cache");
        try
        {
            var recipe = TinyMlp(16);                                                  // the examples: LatentFieldSetup.Recipe("mnist", 16, quick: true, 0)
            var run = ModelCache.TrainOrLoad(recipe, dir.FullName);                    // trains on a cache miss, loads afterwards
            Console.WriteLine($"{ModelCache.Describe(recipe)}: test MSE {run.TestMse:F4}");

            var again = ModelCache.TrainOrLoad(recipe, dir.FullName);
            Assert.NotEmpty(run.History);
            Assert.Empty(again.History);                                               // loaded, not retrained
            Assert.Equal(run.TestMse, again.TestMse, 12);
            Assert.Equal("mlp k=16 on mnist, 1 epochs, seed 0", ModelCache.Describe(recipe));
            Assert.NotEqual(ModelCache.Key(recipe), ModelCache.Key(recipe with { Seed = 1 }));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void LatentFieldSetupRecipeAndModelInputs()
    {
        var recipe = LatentFieldSetup.Recipe("mnist", k: 16, quick: true, seed: 0);               // MLP, 4 epochs on 8,000 images
        var inputs = LatentFieldSetup.ModelInputs(recipe.LoadSplit("test"), recipe.Transform);   // [1000, 784]

        Assert.Equal((AutoencoderKind.Mlp, 16, 4, 8000, 1000), (recipe.Kind, recipe.LatentDim, recipe.Epochs, recipe.TrainSamples, recipe.TestSamples));
        Assert.Equal([1000, 784], inputs.Shape);
        var full = LatentFieldSetup.Recipe("mnist", k: 16, quick: false, seed: 0);
        Assert.Equal((20, (int?)null), (full.Epochs, full.TrainSamples));
    }
}
