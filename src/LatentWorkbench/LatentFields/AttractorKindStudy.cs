using System.Globalization;
using LatentWorkbench.Data;
using LatentWorkbench.Engine;
using LatentWorkbench.Progress;
using LatentWorkbench.Training;

namespace LatentWorkbench.LatentFields;

/// <summary>
/// One (dataset, k) cell of the study: the model, how well it reconstructs against the mean-image baseline, and where
/// its latent trajectories end. The first <see cref="TrainStarts"/> starts are training latents, the rest Gaussian.
/// </summary>
/// <param name="Dataset">The dataset the model trained on.</param>
/// <param name="K">The bottleneck size.</param>
/// <param name="Run">The trained (or cached) model and its recipe.</param>
/// <param name="Baseline">The mean image's test MSE on the same images.</param>
/// <param name="TrainStarts">How many of the starts are training latents (they come first).</param>
/// <param name="Kinds">The classified trajectories.</param>
public sealed record AttractorKindRow(string Dataset, int K, AutoencoderRun Run, MeanImageBaseline Baseline, int TrainStarts, AttractorKindResult Kinds)
{
    /// <summary>The model's test MSE.</summary>
    public double TestMse => Run.TestMse;

    /// <summary>The model does not beat the mean image: its attractors describe a collapsed model, not the data.</summary>
    public bool Degenerate => Baseline.IsDegenerate(Run.TestMse);
}

/// <summary>
/// One cell in numbers, for a table: counts of starts per kind, distinct fixed points, the cycles as
/// "period (starts)" and the model's error against the mean image.
/// </summary>
/// <param name="Dataset">The dataset the model trained on.</param>
/// <param name="K">The bottleneck size.</param>
/// <param name="Starts">Trajectories classified (training latents and Gaussian starts).</param>
/// <param name="Fixed">Starts that ended at a fixed point.</param>
/// <param name="FixedPoints">Distinct fixed points those starts reached.</param>
/// <param name="Periodic">Starts that ended on a cycle of period 2 or more.</param>
/// <param name="Cycles">The distinct cycles as "period (starts)", by period, then largest basin first.</param>
/// <param name="Unresolved">Starts still moving at the step limit.</param>
/// <param name="Slow">Unresolved starts whose Lyapunov exponent lies below minus the zero band (converging too slowly).</param>
/// <param name="QuasiPeriodic">Unresolved starts with an exponent within the zero band.</param>
/// <param name="Chaotic">Unresolved starts whose exponent lies above the zero band.</param>
/// <param name="Diverged">Starts that diverged.</param>
/// <param name="TestMse">The model's test MSE.</param>
/// <param name="MeanImageMse">The mean image's test MSE on the same images.</param>
/// <param name="Degenerate">The model does not beat the mean image: not a finding.</param>
public sealed record AttractorKindSummary(string Dataset, int K, int Starts, int Fixed, int FixedPoints, int Periodic, string Cycles,
    int Unresolved, int Slow, int QuasiPeriodic, int Chaotic, int Diverged, double TestMse, double MeanImageMse, bool Degenerate);

/// <summary>The study's cells in the order they ran (datasets outer, k inner).</summary>
/// <param name="Rows">One row per (dataset, k) cell, [datasets * ks].</param>
public sealed record AttractorKindStudyResult(IReadOnlyList<AttractorKindRow> Rows)
{
    /// <summary>One summary per cell (<c>ResultTable.FromRecords(study.Summary, digits: 4)</c>).</summary>
    public IReadOnlyList<AttractorKindSummary> Summary => Rows.Select(r => new AttractorKindSummary(r.Dataset, r.K, r.Kinds.Count, r.Kinds.FixedCount,
        r.Kinds.FixedPoints.Count, r.Kinds.PeriodicCount, string.Join(", ", r.Kinds.Cycles.Select(c => $"{c.Period} ({c.BasinSize})")),
        r.Kinds.UnresolvedCount, r.Kinds.CountOf(UnresolvedMotion.SlowConvergence), r.Kinds.CountOf(UnresolvedMotion.QuasiPeriodic),
        r.Kinds.CountOf(UnresolvedMotion.Chaotic), r.Kinds.DivergedCount, r.TestMse, r.Baseline.TestMse, r.Degenerate)).ToArray();

    /// <summary>The cell of <paramref name="dataset"/> at bottleneck <paramref name="k"/>.</summary>
    public AttractorKindRow this[string dataset, int k] =>
        Rows.FirstOrDefault(r => r.Dataset == dataset && r.K == k) ?? throw new KeyNotFoundException($"no cell for {dataset} at k = {k}");
}

/// <summary>
/// Trains (or loads) one MLP autoencoder per (dataset, k), starts trajectories of z -> E(D(z)) at training latents and
/// at Gaussian points around them, and classifies where each ends: fixed point, cycle, unresolved or diverged.
/// </summary>
/// <example><code>
/// var study = AttractorKindStudy.Run(AttractorKindStudyOptions.Quick());
/// var cell = study["fashion-mnist", 2];
/// Console.WriteLine(cell.Kinds);                      // counts per kind, cycles by period
/// var figure = AttractorKindFigures.Cycles(cell.Kinds);
/// </code></example>
public static class AttractorKindStudy
{
    /// <summary>Runs every cell; <paramref name="progress"/> sees each as it finishes.</summary>
    public static AttractorKindStudyResult Run(AttractorKindStudyOptions options, Action<AttractorKindRow>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var rows = new List<AttractorKindRow>();
        using var bar = options.PrintTraining ? new ProgressBar("attractor kinds", (long)options.Datasets.Count * options.Ks.Count, "models") : null;
        foreach (var dataset in options.Datasets)
            foreach (int k in options.Ks)
            {
                var row = RunCell(options, dataset, k);
                rows.Add(row);
                bar?.Advance(1, string.Create(CultureInfo.InvariantCulture,
                    $"{dataset} k={k}: {row.Kinds.FixedCount} fixed, {row.Kinds.PeriodicCount} periodic, {row.Kinds.UnresolvedCount} unresolved"));
                progress?.Invoke(row);
            }
        return new AttractorKindStudyResult(rows);
    }

    /// <summary>One cell: the model of <paramref name="dataset"/> at <paramref name="k"/>, its baseline and its classified trajectories.</summary>
    public static AttractorKindRow RunCell(AttractorKindStudyOptions options, string dataset, int k)
    {
        ArgumentNullException.ThrowIfNull(options);
        var recipe = options.Recipe(dataset, k);
        var run = ModelCache.TrainOrLoad(recipe, options.ModelDirectory, options: options.TrainingFor(recipe));
        var baseline = MeanImageBaseline.Of(recipe);
        var starts = Starts(run, options);
        var kinds = AttractorKindClassifier.Classify(new LatentMap(run.Autoencoder), starts, options.Classifier);
        return new AttractorKindRow(dataset, k, run, baseline, Math.Min(options.TrainStarts, recipe.LoadSplit("train").Count), kinds);
    }

    /// <summary>
    /// The starts [TrainStarts + NoiseStarts, k]: latents of a seeded subset of the model's training images, then
    /// Gaussian points with the per-coordinate mean and variance of those latents.
    /// </summary>
    public static Tensor Starts(AutoencoderRun run, AttractorKindStudyOptions options)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(options);
        var recipe = run.Recipe;
        var train = recipe.LoadSplit("train");
        // The latents' moments come from at least a thousand images, so that few training starts still give a fair scale.
        int momentImages = Math.Min(train.Count, Math.Max(options.TrainStarts, 1000));
        var images = train.Subset(momentImages, options.Seed + 21);
        var latents = LatentStarts.Encode(run.Autoencoder, Inputs(images, recipe.Transform));
        int k = run.Autoencoder.LatentDim, trainStarts = Math.Min(options.TrainStarts, momentImages);
        var mean = new double[k];
        var variance = new double[k];
        for (int i = 0; i < momentImages; i++)
            for (int c = 0; c < k; c++) mean[c] += latents[i * k + c] / (double)momentImages;
        for (int i = 0; i < momentImages; i++)
            for (int c = 0; c < k; c++) variance[c] += Math.Pow(latents[i * k + c] - mean[c], 2) / Math.Max(momentImages - 1, 1);
        var starts = new float[(trainStarts + options.NoiseStarts) * k];
        latents.AsSpan(0, trainStarts * k).CopyTo(starts);
        var noise = LatentStarts.Gaussian(options.NoiseStarts, k, options.Seed + 22);
        for (int i = 0; i < options.NoiseStarts; i++)
            for (int c = 0; c < k; c++)
                starts[(trainStarts + i) * k + c] = (float)(mean[c] + Math.Sqrt(variance[c]) * noise[i * k + c]);
        return Tensor.FromArray(starts, trainStarts + options.NoiseStarts, k);
    }

    private static Tensor Inputs(ImageDataset data, ISampleTransform transform)
    {
        var loader = new DataLoader(data, data.Count, shuffle: false, transform: transform);
        foreach (var (inputs, _) in loader.Epoch(0)) return inputs;
        throw new InvalidOperationException($"{data.Name}/{data.Split}: the data loader produced no batch");
    }
}
