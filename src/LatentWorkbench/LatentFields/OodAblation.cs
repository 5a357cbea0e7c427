using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using LatentWorkbench.Data;
using LatentWorkbench.Engine;
using LatentWorkbench.Metrics;
using LatentWorkbench.Training;

namespace LatentWorkbench.LatentFields;

/// <summary>
/// Why does the trajectory OOD score trail kNN (MNIST in) and fall below chance (Fashion-MNIST in)? A controlled
/// experiment on one trained model: the control is <see cref="OodBenchmark"/>'s score (mean distance along the path
/// to the nearest training attractor) on the benchmark's starts and test images, and each other condition changes
/// exactly one of attractor count (H1), distance (H2), path window (H3) or number of training starts (H4). Every
/// condition scores the same trajectories, so differences come from the factor alone.
/// </summary>
/// <example><code>
/// var result = OodAblation.Run("mnist", OodAblation.Options("fashion-mnist", quick: true, seed: 0));
/// double lift = result["start"].Auroc - result.Control.Auroc;   // H3: the start alone vs the whole path
/// </code></example>
public static class OodAblation
{
    /// <summary>
    /// The benchmark's settings (<see cref="OodBenchmark.Options"/>: model, starts, test images, trajectories) with
    /// the H4 variants a quarter of the starts and 5,000 starts in quick mode (25,000 in full mode), and H5's models
    /// at k = 2 and 16.
    /// </summary>
    public static OodAblationOptions Options(string inData, bool quick, ulong seed)
    {
        var bench = OodBenchmark.Options(inData, OodBenchmark.DefaultLatentDim, quick, seed);
        return new OodAblationOptions
        {
            Recipe = bench.Recipe,
            TrainStarts = bench.TrainStarts,
            FewerStarts = bench.TrainStarts / 4,
            MoreStarts = quick ? 5000 : 25000,
            Bottlenecks = [2, 16],
            TestImages = bench.TestImages,
            Neighbours = bench.Neighbours,
            Trajectory = bench.Trajectory,
            Seed = seed,
        };
    }

    /// <summary>Every condition's AUROC on <paramref name="outData"/> against the recipe's dataset, and the trajectories' shape.</summary>
    public static OodAblationResult Run(string outData, OodAblationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(outData);
        options.Validate();
        var recipe = options.Recipe;
        var trainSet = recipe.LoadSplit("train");
        if (options.MoreStarts > trainSet.Count)
            throw new ArgumentOutOfRangeException(nameof(options.MoreStarts), options.MoreStarts, $"must not exceed the {trainSet.Count} training images");
        // A seeded subset is the first n of one permutation, so the fewer, control and more starts are nested
        // prefixes of one draw, and the control's are the benchmark's (same seed + 2).
        trainSet = trainSet.Subset(options.MoreStarts, options.Seed + 2);
        var training = options.PrintTraining ? null : new TrainingOptions { Epochs = recipe.Epochs, ShowProgress = false, PrintEpochSummary = false };
        var ae = ModelCache.TrainOrLoad(recipe, options.ModelDirectory, options: training).Autoencoder;
        using var map = new LatentMap(ae);
        int k = recipe.LatentDim;
        var starts = LatentStarts.Encode(ae, LatentFieldSetup.ModelInputs(trainSet, recipe.Transform));
        var traj = Trajectories.Run(map, starts, options.Trajectory);
        float[] Merge(int count, DedupRule rule, double threshold) =>
            Deduplication.Merge(traj.Endpoints.AsSpan(0, count * k), k, rule, threshold, traj.Converged[..count]).Representatives;

        var control = Merge(options.TrainStarts, DedupRule.Euclidean, options.Radius);
        var controlLatents = starts.AsSpan(0, options.TrainStarts * k);
        List<(string Name, OodFactor Factor, string Description, OodPathScorer.Set Set)> sets =
        [
            ("control", OodFactor.Control, FormattableString.Invariant($"whole path, raw latent, end points merged within {options.Radius}"), new(control, OodPathScorer.Metric.Raw)),
            ("all-endpoints", OodFactor.AttractorCount, "every converged end point is an attractor (no merging)", new(ConvergedEndpoints(traj, options.TrainStarts, k), OodPathScorer.Metric.Raw)),
            ("coarse-radius", OodFactor.AttractorCount, FormattableString.Invariant($"end points merged within {options.CoarseRadius}"), new(Merge(options.TrainStarts, DedupRule.Euclidean, options.CoarseRadius), OodPathScorer.Metric.Raw)),
            ("cosine-merge", OodFactor.AttractorCount, FormattableString.Invariant($"the paper's merge rule, cosine > {options.CosineThreshold}"), new(Merge(options.TrainStarts, DedupRule.Cosine, options.CosineThreshold), OodPathScorer.Metric.Raw)),
            ("standardised", OodFactor.Normalisation, "latent divided by the training latents' per-dimension sd", new(control, OodPathScorer.Metric.Standardised)),
            ("cosine-distance", OodFactor.Normalisation, "1 - cosine similarity instead of Euclidean distance", new(control, OodPathScorer.Metric.Cosine)),
            ("fewer-starts", OodFactor.Starts, $"attractors of {options.FewerStarts} training starts", new(Merge(options.FewerStarts, DedupRule.Euclidean, options.Radius), OodPathScorer.Metric.Raw)),
            ("more-starts", OodFactor.Starts, $"attractors of {options.MoreStarts} training starts", new(Merge(options.MoreStarts, DedupRule.Euclidean, options.Radius), OodPathScorer.Metric.Raw)),
            ("training-latents", OodFactor.Reference, "the control's training latents instead of their attractors", new(controlLatents.ToArray(), OodPathScorer.Metric.Raw)),
        ];
        var scale = InverseSd(controlLatents, k);

        Tensor Test(string dataset, ulong seed)
        {
            var data = DatasetCatalog.Default.LoadImages(dataset, "test");
            if (options.TestImages < data.Count) data = data.Subset(options.TestImages, seed);
            return LatentFieldSetup.ModelInputs(data, recipe.Transform);
        }
        var inLatents = LatentStarts.Encode(ae, Test(recipe.Dataset, options.Seed + 3));
        var outLatents = LatentStarts.Encode(ae, Test(outData, options.Seed + 4));
        var setList = sets.Select(s => s.Set).ToArray();
        var inScores = OodPathScorer.Score(map, inLatents, setList, scale, options.FirstSteps, options.Trajectory);
        var outScores = OodPathScorer.Score(map, outLatents, setList, scale, options.FirstSteps, options.Trajectory);

        var conditions = new List<OodCondition>();
        for (int s = 0; s < sets.Count; s++)
        {
            conditions.Add(Condition(sets[s].Name, sets[s].Factor, sets[s].Description, setList[s].Attractors.Length / k, inScores.Whole[s], outScores.Whole[s]));
            if (s != 0) continue;
            // H3 reads the control's set along other windows of the same paths; listed after the control's own row.
            conditions.Add(Condition("start", OodFactor.PathLength, "the start alone (t = 0)", control.Length / k, inScores.Start, outScores.Start));
            conditions.Add(Condition("first-steps", OodFactor.PathLength, $"mean over the first {options.FirstSteps} points", control.Length / k, inScores.First, outScores.First));
            conditions.Add(Condition("end-point", OodFactor.PathLength, "the end point alone", control.Length / k, inScores.End, outScores.End));
        }
        var bottleneckModels = new List<AutoencoderRun>();
        foreach (int bottleneck in options.Bottlenecks)
        {
            // The benchmark itself on the retrained model: same starts, test images and trajectory rule as the control.
            var benchmark = new OodBenchmarkOptions
            {
                Recipe = recipe with { LatentDim = bottleneck }, TrainStarts = options.TrainStarts, TestImages = options.TestImages,
                Neighbours = options.Neighbours, Trajectory = options.Trajectory, Seed = options.Seed, ModelDirectory = options.ModelDirectory,
                PrintTraining = options.PrintTraining,
            };
            var result = OodBenchmark.Run(outData, benchmark);
            var (_, bIn, bOut) = result.Scores.First(s => s.Method == "trajectory");
            conditions.Add(Condition($"bottleneck-{bottleneck}", OodFactor.Bottleneck, $"k = {bottleneck} instead of {k} (the recipe retrained)",
                result.TrainingAttractors.Count, bIn, bOut));
            bottleneckModels.Add(result.Model);
        }
        double knn = DetectionMetrics.Auroc(OodScores.Knn(controlLatents, inLatents, k, options.Neighbours), OodScores.Knn(controlLatents, outLatents, k, options.Neighbours));
        return new OodAblationResult(recipe.Dataset, outData, conditions, knn, Shape(inScores, options.Radius), Shape(outScores, options.Radius), bottleneckModels);
    }

    private static OodCondition Condition(string name, OodFactor factor, string description, int attractors, double[] inScores, double[] outScores) =>
        new(name, factor, description, attractors, DetectionMetrics.Auroc(inScores, outScores), DetectionMetrics.Fpr95(inScores, outScores),
            inScores.Average(), outScores.Average());

    private static OodPathShape Shape(OodPathScorer.Scores scores, double radius)
    {
        var traj = scores.Trajectories;
        int atAttractor = 0;
        foreach (double d in scores.End) if (d < radius) atAttractor++;
        double norm = 0;
        for (int i = 0; i < traj.Count; i++) norm += TensorPrimitives.Norm(traj.Starts.AsSpan(i * traj.Dim, traj.Dim));
        return new OodPathShape(norm / traj.Count, scores.Start.Average(), scores.End.Average(), scores.Whole[0].Average(), traj.Steps.Average(),
            traj.ConvergedFraction, atAttractor / (double)scores.End.Length);
    }

    private static float[] ConvergedEndpoints(TrajectoryResult traj, int count, int k)
    {
        var points = new List<float>();
        for (int i = 0; i < count; i++) if (traj.Converged[i]) points.AddRange(traj.Endpoint(i).ToArray());
        return points.ToArray();
    }

    /// <summary>1 / sd of each latent dimension over <paramref name="latents"/> [n * k]; 1 where a dimension is constant.</summary>
    private static float[] InverseSd(ReadOnlySpan<float> latents, int k)
    {
        int n = latents.Length / k;
        var mean = new double[k];
        var sq = new double[k];
        for (int i = 0; i < n; i++)
            for (int c = 0; c < k; c++) mean[c] += latents[i * k + c];
        for (int c = 0; c < k; c++) mean[c] /= n;
        for (int i = 0; i < n; i++)
            for (int c = 0; c < k; c++) { double d = latents[i * k + c] - mean[c]; sq[c] += d * d; }
        var scale = new float[k];
        for (int c = 0; c < k; c++)
        {
            double sd = Math.Sqrt(sq[c] / Math.Max(n - 1, 1));
            scale[c] = sd > 0 ? (float)(1 / sd) : 1f;
        }
        return scale;
    }
}
