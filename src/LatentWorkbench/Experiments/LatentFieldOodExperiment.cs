using System.Text.Json.Nodes;
using LatentWorkbench.Data;
using LatentWorkbench.Engine;
using LatentWorkbench.LatentFields;
using LatentWorkbench.Metrics;
using LatentWorkbench.Models;
using LatentWorkbench.Training;

namespace LatentWorkbench.Experiments;

/// <summary>OOD detection with latent trajectories (MNIST in, FashionMNIST out and the reverse) against three baselines.</summary>
public sealed class LatentFieldOodExperiment : IExperiment
{
    /// <inheritdoc/>
    public string Name => "ood";

    /// <inheritdoc/>
    public string Description => "OOD detection: trajectory distance to training attractors vs kNN, reconstruction, Mahalanobis";

    /// <inheritdoc/>
    public JsonObject Run(bool quick, ulong seed)
    {
        var rows = new JsonArray();
        foreach (var (inData, outData) in new[] { ("mnist", "fashion-mnist"), ("fashion-mnist", "mnist") })
        {
            var scores = OodBenchmark.Run(inData, outData, k: 16, quick, seed);
            foreach (var (method, inScores, outScores) in scores)
                rows.Add(new JsonObject
                {
                    ["in"] = inData,
                    ["out"] = outData,
                    ["method"] = method,
                    ["auroc"] = LatentFieldSupport.Round(DetectionMetrics.Auroc(inScores, outScores), 4),
                    ["fpr95"] = LatentFieldSupport.Round(DetectionMetrics.Fpr95(inScores, outScores), 4),
                });
        }
        return new JsonObject { ["rows"] = rows };
    }
}

/// <summary>The scores of every method plus the training attractors the trajectory score measured distances to.</summary>
public sealed record OodBenchmarkResult(IReadOnlyList<(string Method, double[] In, double[] Out)> Scores, AttractorResult TrainingAttractors);

/// <summary>The scores behind the OOD experiment, reusable from notebooks.</summary>
public static class OodBenchmark
{
    /// <summary>Per method, the scores of in-distribution and OOD test images (higher = more OOD).</summary>
    public static List<(string Method, double[] In, double[] Out)> Run(string inData, string outData, int k, bool quick, ulong seed, int neighbours = 50) =>
        [.. RunDetailed(inData, outData, k, quick, seed, neighbours).Scores];

    /// <summary>As <see cref="Run"/>, also returning the training attractors (how many, how they converged).</summary>
    public static OodBenchmarkResult RunDetailed(string inData, string outData, int k, bool quick, ulong seed, int neighbours = 50)
    {
        var run = LatentFieldSupport.Model(inData, k, quick, seed);
        var ae = run.Autoencoder;
        var map = new LatentMap(ae);
        var trainImages = LatentFieldSupport.Images(inData, "train", quick ? 2000 : 10000, seed);
        var trainLatents = LatentStarts.Encode(ae, trainImages);
        var found = AttractorFinder.Find(map, trainLatents, new AttractorOptions { ComputeStability = false });
        var attractors = found.Attractors;
        int n = quick ? 300 : 2000;
        var inImages = LatentFieldSupport.Images(inData, "test", n, seed + 3);
        var outImages = LatentFieldSupport.Images(outData, "test", n, seed + 4);
        var inLatents = LatentStarts.Encode(ae, inImages);
        var outLatents = LatentStarts.Encode(ae, outImages);
        var options = new TrajectoryOptions { MaxIterations = quick ? 500 : 3000 };
        return Score(ae, map, found, trainLatents, inImages, outImages, inLatents, outLatents, k, neighbours, options);
    }

    /// <summary>
    /// As <see cref="RunDetailed(string, string, int, bool, ulong, int)"/> on the model of <paramref name="options"/>'s
    /// recipe (trained on a cache miss), with attractors and baselines from the images it was trained on.
    /// </summary>
    public static OodBenchmarkResult RunDetailed(string outData, OodBenchmarkOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var recipe = options.Recipe;
        var training = options.PrintTraining ? null : new TrainingOptions { Epochs = recipe.Epochs, ShowProgress = false, PrintEpochSummary = false };
        var trainSet = recipe.LoadSplit("train");
        if (options.TrainStarts < trainSet.Count) trainSet = trainSet.Subset(options.TrainStarts, options.Seed + 2);
        if (options.Neighbours > trainSet.Count)
            throw new ArgumentOutOfRangeException(nameof(options.Neighbours), options.Neighbours, $"must not exceed the {trainSet.Count} training starts");
        var ae = ModelCache.TrainOrLoad(recipe, options.ModelDirectory, options: training).Autoencoder;
        var map = new LatentMap(ae);
        int k = recipe.LatentDim;
        Tensor Test(string dataset, ulong seed)
        {
            var data = DatasetCatalog.Default.LoadImages(dataset, "test");
            if (options.TestImages < data.Count) data = data.Subset(options.TestImages, seed);
            return LatentFieldSupport.ModelInputs(data, recipe.Transform);
        }
        var trainLatents = LatentStarts.Encode(ae, LatentFieldSupport.ModelInputs(trainSet, recipe.Transform));
        var found = AttractorFinder.Find(map, trainLatents, new AttractorOptions { ComputeStability = false, Trajectory = options.Trajectory });
        var inImages = Test(recipe.Dataset, options.Seed + 3);
        var outImages = Test(outData, options.Seed + 4);
        return Score(ae, map, found, trainLatents, inImages, outImages, LatentStarts.Encode(ae, inImages), LatentStarts.Encode(ae, outImages),
            k, options.Neighbours, options.Trajectory);
    }

    private static OodBenchmarkResult Score(IAutoencoder ae, LatentMap map, AttractorResult found, float[] trainLatents, Tensor inImages,
        Tensor outImages, float[] inLatents, float[] outLatents, int k, int neighbours, TrajectoryOptions options)
    {
        var attractors = found.Attractors;
        List<(string, double[], double[])> scores =
        [
            ("trajectory", OodScores.Trajectory(map, attractors, inLatents, options), OodScores.Trajectory(map, attractors, outLatents, options)),
            ("knn", OodScores.Knn(trainLatents, inLatents, k, neighbours), OodScores.Knn(trainLatents, outLatents, k, neighbours)),
            ("reconstruction", OodScores.Reconstruction(ae, inImages), OodScores.Reconstruction(ae, outImages)),
            ("mahalanobis", OodScores.Mahalanobis(trainLatents, inLatents, k), OodScores.Mahalanobis(trainLatents, outLatents, k)),
        ];
        return new OodBenchmarkResult(scores, found);
    }
}
