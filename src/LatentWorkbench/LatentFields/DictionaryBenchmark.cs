using LatentWorkbench.Training;

namespace LatentWorkbench.LatentFields;

/// <summary>
/// The data-free dictionary benchmark: for each dataset an autoencoder, its <see cref="DataFreeDictionary"/> (attractors of
/// k orthogonalised Gaussian starts), and the OMP reconstruction error of test images of every dataset (its own and the
/// others) coded with the attractors and with the orthogonal starts (the baseline).
/// </summary>
public sealed record DictionaryBenchmarkOptions
{
    /// <summary>
    /// The autoencoder trained for each of <see cref="Datasets"/> (its <see cref="AutoencoderRecipe.Dataset"/> is
    /// replaced by each in turn); its bottleneck k is the number of atoms.
    /// </summary>
    public required AutoencoderRecipe Recipe { get; init; }

    /// <summary>Datasets whose models give dictionaries and whose test images are coded (paper: MNIST, FashionMNIST and others).</summary>
    public IReadOnlyList<string> Datasets { get; init; } = ["mnist", "fashion-mnist"];

    /// <summary>Test images coded per dataset (a seeded subset of the test split).</summary>
    public int TestImages { get; init; } = 2000;

    /// <summary>Sparsity levels as fractions of the k atoms: 5% (the paper's headline), plus 10%, 25% and 50%.</summary>
    public IReadOnlyList<double> SparsityFractions { get; init; } = [0.05, 0.10, 0.25, 0.5];

    /// <summary>Iteration of the starts to their attractors (paper: tolerance 1e-6, 3000 steps).</summary>
    public TrajectoryOptions? Trajectory { get; init; }

    /// <summary>Seed of the Gaussian starts (and, plus 2, of the test-image subsets).</summary>
    public ulong Seed { get; init; }

    /// <summary>The settings of <c>lwb reproduce dictionary</c>: k = 32 and 300 test images in quick mode, k = 64 and 2,000 otherwise.</summary>
    public static DictionaryBenchmarkOptions For(bool quick, ulong seed) => new()
    {
        Recipe = LatentFieldSetup.Recipe("mnist", quick ? 32 : 64, quick, seed),
        TestImages = quick ? 300 : 2000,
        Seed = seed,
    };

    /// <summary>The sparsity levels in atoms: each fraction of k rounded, at least 1, without repeats.</summary>
    public int[] SparsityLevels() =>
        SparsityFractions.Select(f => Math.Max(1, (int)Math.Round(f * Recipe.LatentDim))).Distinct().ToArray();

    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(Recipe, nameof(Recipe));
        if (Datasets.Count == 0) throw new ArgumentException("the benchmark needs at least one dataset", nameof(Datasets));
        if (TestImages < 1) throw new ArgumentOutOfRangeException(nameof(TestImages), TestImages, "must be at least 1");
        foreach (double f in SparsityFractions)
            if (!(f > 0 && f <= 1)) throw new ArgumentOutOfRangeException(nameof(SparsityFractions), f, "fractions of the atoms must be in (0, 1]");
    }
}

/// <summary>One (model dataset, coded dataset, sparsity) cell: reconstruction MSE with either dictionary.</summary>
/// <param name="ModelDataset">The dataset the autoencoder (and so the dictionary) comes from.</param>
/// <param name="TargetDataset">The dataset whose test images were coded.</param>
/// <param name="Sparsity">Atoms per code.</param>
/// <param name="AttractorMse">Image MSE with the attractors as atoms.</param>
/// <param name="OrthogonalMse">Image MSE with the orthogonal starts as atoms (baseline).</param>
public sealed record DictionaryRow(string ModelDataset, string TargetDataset, int Sparsity, double AttractorMse, double OrthogonalMse);

/// <summary>One dataset's autoencoder and how many distinct atoms its dictionary has.</summary>
/// <param name="Dataset">The dataset it was trained on.</param>
/// <param name="Run">The trained model with its test MSE.</param>
/// <param name="DistinctAtoms">Attractors of the k starts that stay apart after merging within Euclidean radius 0.1: with one or two, every sparsity level codes with the same few atoms.</param>
/// <param name="MeanImage">The mean-image baseline on the same images; the model is degenerate when it does not beat it.</param>
public sealed record DictionaryModel(string Dataset, AutoencoderRun Run, int DistinctAtoms, MeanImageBaseline MeanImage)
{
    /// <summary>The model does not beat predicting the mean image, so its dictionary says nothing about the data.</summary>
    public bool Degenerate => MeanImage.IsDegenerate(Run.TestMse);
}

/// <summary>The benchmark's rows, model dataset by coded dataset by sparsity, and the model of each dataset.</summary>
/// <param name="Rows">One row per (model dataset, coded dataset, sparsity level), [datasets * datasets * levels].</param>
/// <param name="Models">One model per dataset, [datasets], in the order of <see cref="DictionaryBenchmarkOptions.Datasets"/>.</param>
public sealed record DictionaryBenchmarkResult(IReadOnlyList<DictionaryRow> Rows, IReadOnlyList<DictionaryModel> Models)
{
    /// <summary>In how many rows the attractors reconstruct better than the orthogonal starts (the paper: all).</summary>
    public int AttractorWins => Rows.Count(r => r.AttractorMse < r.OrthogonalMse);
}

/// <summary>Runs <see cref="DictionaryBenchmarkOptions"/>.</summary>
/// <example><code>
/// var result = DictionaryBenchmark.Run(DictionaryBenchmarkOptions.For(quick: true, seed: 0));
/// Console.WriteLine($"attractors win in {result.AttractorWins} of {result.Rows.Count} settings");
/// </code></example>
public static class DictionaryBenchmark
{
    /// <summary>Trains (or loads) one model per dataset and codes every dataset's test images with its two dictionaries.</summary>
    public static DictionaryBenchmarkResult Run(DictionaryBenchmarkOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var sparsities = options.SparsityLevels();
        var rows = new List<DictionaryRow>();
        var models = new List<DictionaryModel>();
        foreach (var modelDataset in options.Datasets)
        {
            var recipe = options.Recipe with { Dataset = modelDataset };
            var run = ModelCache.TrainOrLoad(recipe);
            var dictionary = DataFreeDictionary.Build(run.Autoencoder, options.Seed, options.Trajectory);
            int distinct = Deduplication.Merge(dictionary.Attractors, recipe.LatentDim, DedupRule.Euclidean, 0.1).Representatives.Length / recipe.LatentDim;
            models.Add(new DictionaryModel(modelDataset, run, distinct, MeanImageBaseline.Of(recipe)));
            foreach (var target in options.Datasets)
            {
                var images = LatentFieldSetup.Images(target, "test", options.TestImages, options.Seed + 2);
                foreach (var (sparsity, attractorMse, baselineMse) in dictionary.Evaluate(images, sparsities))
                    rows.Add(new DictionaryRow(modelDataset, target, sparsity, attractorMse, baselineMse));
            }
        }
        return new DictionaryBenchmarkResult(rows, models);
    }
}
