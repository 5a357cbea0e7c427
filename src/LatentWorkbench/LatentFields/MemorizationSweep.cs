using System.Globalization;
using LatentWorkbench.Progress;
using LatentWorkbench.Models;
using LatentWorkbench.Training;

namespace LatentWorkbench.LatentFields;

/// <summary>
/// Trains (or loads from the model cache) one conv autoencoder per (dataset, k), iterates training latents to their
/// attractors, and measures the memorisation coefficient of the decoded attractors against the null baseline; with
/// <see cref="MemorizationSweepOptions.NoiseStarts"/> also the attractors of N(0, I) starts of each model.
/// </summary>
/// <example><code>
/// var result = MemorizationSweep.Run(MemorizationSweepOptions.Quick(seed: 0));
/// foreach (var row in result.Rows)
///     Console.WriteLine($"{row.Dataset} k={row.K}: memorisation {row.MemorizationMean:F3} vs null {row.NullMemorization:F3}{(row.Degenerate ? " (degenerate)" : "")}");
/// </code></example>
public static class MemorizationSweep
{
    /// <summary>Runs the sweep; CIFAR-10 joins when <see cref="MemorizationSweepOptions.CifarWhenPresent"/> and its files are on disk.</summary>
    public static MemorizationSweepResult Run(MemorizationSweepOptions options, Action<MemorizationRow>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var datasets = options.Datasets.ToList();
        if (options.CifarWhenPresent && !datasets.Contains("cifar10") && Data.DatasetCatalog.Default.IsPresent("cifar10")) datasets.Add("cifar10");
        var rows = new List<MemorizationRow>();
        // One bar for the whole sweep (in a notebook: one output updated in place), naming the model in progress.
        using var bar = options.PrintTraining ? new ProgressBar("memorisation sweep", (long)datasets.Count * options.Ks.Count, "models") : null;
        foreach (var dataset in datasets)
        {
            // The data do not depend on k: the recipe's training subset is the memorisation reference.
            var first = options.Recipe(dataset, options.Ks[0]);
            var trainSet = first.LoadSplit("train");
            var trainImages = LatentFieldSetup.ModelInputs(trainSet, first.Transform);
            var startImages = options.AttractorStarts < trainSet.Count
                ? LatentFieldSetup.ModelInputs(trainSet.Subset(options.AttractorStarts, options.Seed + 7), first.Transform)
                : trainImages;
            var testSet = Data.DatasetCatalog.Default.LoadImages(dataset, "test");
            if (options.NullSamples < testSet.Count) testSet = testSet.Subset(options.NullSamples, options.Seed + 1);
            var testImages = LatentFieldSetup.ModelInputs(testSet, first.Transform);
            // The recipes of one dataset share their train and test subsets, so one baseline serves every k.
            var baseline = MeanImageBaseline.Of(first);
            foreach (int k in options.Ks)
            {
                var recipe = options.Recipe(dataset, k);
                var run = ModelCache.TrainOrLoad(recipe, options.ModelDirectory, options: options.TrainingFor(recipe));
                var row = Measure(dataset, k, run.Autoencoder, run.TestMse, startImages, trainImages, testImages, options.Attractors);
                row = row with { MeanImageMse = baseline.TestMse };
                if (options.NoiseStarts > 0) row = WithNoiseAttractors(row, run.Autoencoder, options.NoiseStarts, options.Seed + 13, options.Attractors);
                rows.Add(row);
                bar?.Advance(1, string.Create(CultureInfo.InvariantCulture, $"{dataset} k={k}: memorisation {row.MemorizationMean:F3}, {row.Attractors} attractors{(row.Degenerate ? " (degenerate: does not beat the mean image)" : "")}"));
                progress?.Invoke(row);
            }
        }
        return new MemorizationSweepResult(rows);
    }

    /// <summary>
    /// One cell: attractors from the latents of <paramref name="starts"/> [n, ...], their memorisation against
    /// <paramref name="train"/> [N, ...] with the null baseline of <paramref name="test"/> [n_test, ...] (all in the model's input layout).
    /// </summary>
    public static MemorizationRow Measure(string dataset, int k, IAutoencoder model, double testMse, Engine.Tensor starts,
        Engine.Tensor train, Engine.Tensor test, AttractorOptions? options = null)
    {
        var found = AttractorFinder.Find(new LatentMap(model), LatentStarts.Encode(model, starts), options ?? new AttractorOptions { ComputeStability = false });
        var decoded = LatentStarts.Decode(model, found.Attractors);
        var report = Memorization.Evaluate(decoded, train, test);
        return new MemorizationRow(dataset, k, found.Count, found.Trajectories.ConvergedFraction, found.Trajectories.MeanSteps,
            report.Mean, report.Std, report.NullBaseline, report.GeneralizationEntropy, testMse);
    }

    /// <summary>
    /// <paramref name="row"/> with the attractors of <paramref name="count"/> N(0, I) starts of the same model (drawn from
    /// <paramref name="seed"/>): how many, and their mean steps to converge. The paper compares them with the
    /// training-started ones (noise starts converge more slowly; their attractors approach the training ones).
    /// </summary>
    public static MemorizationRow WithNoiseAttractors(MemorizationRow row, IAutoencoder model, int count, ulong seed, AttractorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(model);
        if (count < 1) throw new ArgumentOutOfRangeException(nameof(count), count, "the number of N(0, I) starts must be at least 1");
        var found = AttractorFinder.Find(new LatentMap(model), LatentStarts.Gaussian(count, row.K, seed), options ?? new AttractorOptions { ComputeStability = false });
        return row with { NoiseAttractors = found.Count, NoiseMeanSteps = found.Trajectories.MeanSteps };
    }
}
