using System.Globalization;
using LatentWorkbench.Engine;
using LatentWorkbench.Engine.Autograd;
using LatentWorkbench.Engine.NN;
using LatentWorkbench.Models;
using LatentWorkbench.Topology;

namespace LatentWorkbench.Koopman;

/// <summary>
/// A controlled experiment on the paper's topological simplification along Koopman iterations (beta_0 of the decoded
/// iterates psi(phi(x0) K^i) on MNIST falls 8633 -> 9): a control surrogate and its readout, then one change at a time:
/// the isometry weight, the training length (each a surrogate refitted from the same seed with
/// <see cref="IsometryAblation.Fit"/>), the threshold, the point count and the number of iterations (each a different
/// readout of the control surrogate). Whatever a condition does not name is the control's.
/// </summary>
public static class IterateFall
{
    /// <summary>Runs the control and every change of <paramref name="options"/> on <paramref name="study"/>'s preprocessed layers.</summary>
    /// <example><code>
    /// var study = KoopmanStudyCache.RunOrLoad(KoopmanStudyConfig.Mnist(quick: true, seed: 0));
    /// var fall = IterateFall.Run(study, new IterateFallOptions { Points = 1000, FewerPoints = 250, TrainingEpochs = [8, 90] });
    /// foreach (var c in fall.Conditions) Console.WriteLine($"{c.Factor} {c.Setting}: {c.Betti0[0]} -> {c.Betti0[^1]}");
    /// </code></example>
    public static IterateFallResult Run(KoopmanStudy study, IterateFallOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(study);
        options ??= new IterateFallOptions();
        options.Validate();
        int points = Math.Min(options.Points, study.TestLabels.Length);
        if (options.FewerPoints >= points)
            throw new ArgumentOutOfRangeException(nameof(options), options.FewerPoints, $"FewerPoints must be below the {points} test points measured");

        double scale = KoopmanTopology.Scale(study);
        int k = study.Config.Steps;
        int epochs = options.Epochs ?? study.Config.Koopman.Epochs;
        var first = Rows(study.TestLayers[0], points);
        var target = Rows(study.TestLayers[^1], points);
        var trainMean = study.TrainLayers[^1].Mean(0, keepDim: true);
        // The control's threshold is a property of the target, not of any surrogate, so refitted surrogates compare at it.
        double reference = KoopmanTopology.DataThreshold(target, scale, options.ReferenceQuantile);
        var readout = new Readout(study, scale, trainMean);

        var control = new Surrogate(IsometryAblation.Fit(study, options.Isometry, epochs, options.Seed), options.Isometry, epochs);
        var conditions = new List<IterateFallCondition>
        {
            readout.Measure(control, "control", $"l4 = {Format(options.Isometry)}, {epochs} epochs", first, target, k, (_, _, _) => reference),
        };
        foreach (float w in options.IsometryWeights)
            conditions.Add(readout.Measure(new Surrogate(IsometryAblation.Fit(study, w, epochs, options.Seed), w, epochs), "isometry", $"l4 = {Format(w)}", first, target, k, (_, _, _) => reference));
        foreach (int e in options.TrainingEpochs)
            conditions.Add(readout.Measure(new Surrogate(IsometryAblation.Fit(study, options.Isometry, e, options.Seed), options.Isometry, e), "epochs", $"{e} epochs", first, target, k, (_, _, _) => reference));

        double keepFraction = 1 - options.PaperIterateFraction;
        conditions.Add(readout.Measure(control, "threshold", "paper quantile", first, target, k, (iterate0, _, _) => KoopmanTopology.DataThreshold(iterate0, scale, keepFraction)));
        double layerEps = KoopmanTopology.DataThreshold(first, scale, options.PaperLayerQuantile);
        conditions.Add(readout.Measure(control, "threshold", "paper layer quantile", first, target, k, (_, _, _) => layerEps));
        conditions.Add(readout.Measure(control, "threshold", "steepest eps", first, target, k, (_, firstDeaths, lastDeaths) => SteepestThreshold(firstDeaths, lastDeaths)));
        conditions.Add(readout.Measure(control, "threshold", $"eps = {Format(options.AbsoluteThreshold)}", first, target, k, (_, _, _) => options.AbsoluteThreshold));
        var fewFirst = Rows(first, options.FewerPoints);
        var fewTarget = Rows(target, options.FewerPoints);
        double fewReference = KoopmanTopology.DataThreshold(fewTarget, scale, options.ReferenceQuantile);
        conditions.Add(readout.Measure(control, "points", $"{options.FewerPoints} points", fewFirst, fewTarget, k, (_, _, _) => fewReference));
        conditions.Add(readout.Measure(control, "iterations", $"{k * options.IterationFactor} iterations", first, target, k * options.IterationFactor, (_, _, _) => reference));

        return new IterateFallResult(scale, KoopmanTopology.DataThreshold(target, scale), conditions);
    }

    /// <summary>
    /// The eps at which beta_0 of the first cloud over beta_0 of the last (both from sorted H0 death times [n - 1] of
    /// n points) is largest: an upper bound on the fall that any single threshold can show. Ties keep the smallest eps.
    /// </summary>
    internal static double SteepestThreshold(double[] firstDeaths, double[] lastDeaths)
    {
        // beta_0 only changes at a death time, so the candidates are the death times of either cloud.
        int n0 = firstDeaths.Length + 1, nL = lastDeaths.Length + 1;
        double best = 0, bestEps = 0;
        int a = 0, b = 0;
        while (a < firstDeaths.Length || b < lastDeaths.Length)
        {
            double eps = b >= lastDeaths.Length || (a < firstDeaths.Length && firstDeaths[a] <= lastDeaths[b]) ? firstDeaths[a] : lastDeaths[b];
            while (a < firstDeaths.Length && firstDeaths[a] <= eps) a++;
            while (b < lastDeaths.Length && lastDeaths[b] <= eps) b++;
            double fall = (double)(n0 - a) / (nL - b);
            if (fall > best) (best, bestEps) = (fall, eps);
        }
        return bestEps;
    }

    private sealed record Surrogate(KoopmanAutoencoder Model, float Isometry, int Epochs);

    private static Tensor Rows(Tensor x, int count) => x.Narrow(0, 0, count).Contiguous();

    private static string Format(double x) => x.ToString("G3", CultureInfo.InvariantCulture);

    /// <summary>How one condition's surrogate and clouds become numbers: the same for all, so only the named factor differs.</summary>
    private sealed class Readout(KoopmanStudy study, double scale, Tensor trainMean)
    {
        public IterateFallCondition Measure(Surrogate surrogate, string factor, string setting, Tensor first, Tensor target, int iterations,
            Func<Tensor, double[], double[], double> threshold)
        {
            var kae = surrogate.Model;
            Tensor[] iterates;
            double stateMse, meanMse;
            using (GradMode.NoGrad())
            {
                iterates = kae.Iterates(first, iterations);
                stateMse = F.MseLoss(KoopmanTraining.Predict(kae, first), target).Item();
                meanMse = (target - trainMean).Pow(2f).Mean().Item();
            }
            var deaths = new double[iterates.Length][];
            for (int i = 0; i < iterates.Length; i++) deaths[i] = KoopmanTopology.DeathTimes(iterates[i], scale);
            double eps = threshold(iterates[0], deaths[0], deaths[^1]);
            var betti = new int[iterates.Length];
            var merge = new double[iterates.Length];
            for (int i = 0; i < iterates.Length; i++)
            {
                betti[i] = PersistenceH0.Betti0(deaths[i], eps);
                merge[i] = deaths[i].Length == 0 ? 0 : deaths[i][deaths[i].Length / 2];
            }
            double accuracy = ClassifierTraining.Accuracy(study.SurrogatePredictions(kae), study.TestLabels);
            return new IterateFallCondition(factor, setting, surrogate.Isometry, surrogate.Epochs, eps, first.Size(0), betti, merge, accuracy, stateMse, meanMse);
        }
    }
}
