using LatentWorkbench.Engine;
using LatentWorkbench.Engine.Autograd;
using LatentWorkbench.Models;
using LatentWorkbench.Topology;

namespace LatentWorkbench.Koopman;

/// <summary>
/// The isometry-weight ablation of papers.md section 2: refit the study's Koopman autoencoder with each isometry weight
/// l4 (everything else, seed included, unchanged) and compare the topology of the decoded iterates psi(phi(x0) K^i) on
/// the test set (H0 and H1 Betti curves) together with the surrogate's accuracy.
/// </summary>
public static class IsometryAblation
{
    /// <summary>
    /// Runs the ablation on <paramref name="study"/>'s preprocessed layers: one Koopman autoencoder per weight of
    /// <paramref name="options"/> (the paper's 1, 1e-3, 0 when null), each trained from the same seed.
    /// </summary>
    /// <example><code>
    /// var study = KoopmanStudyCache.RunOrLoad(KoopmanStudyConfig.YinYang(quick: true));
    /// var ablation = IsometryAblation.Run(study, new IsometryAblationOptions { Epochs = 100, Points = 1000 });
    /// for (int w = 0; w &lt; ablation.Weights.Count; w++)
    ///     Console.WriteLine($"l4 = {ablation.Weights[w]}: beta_0 by iteration {string.Join(", ", ablation.Betti0AtReference[w])}");
    /// </code></example>
    public static IsometryAblationResult Run(KoopmanStudy study, IsometryAblationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(study);
        options ??= new IsometryAblationOptions();
        if (options.Weights.Count == 0) throw new ArgumentException("Weights is empty; give at least one isometry weight", nameof(options));
        foreach (float w in options.Weights)
            if (!(w >= 0) || !float.IsFinite(w)) throw new ArgumentOutOfRangeException(nameof(options), w, "every isometry weight must be finite and non-negative");
        if (options.Points < 2) throw new ArgumentOutOfRangeException(nameof(options), options.Points, "Points must be at least 2");
        if (options.H1Points < 2) throw new ArgumentOutOfRangeException(nameof(options), options.H1Points, "H1Points must be at least 2");
        if (options.Thresholds < 2) throw new ArgumentOutOfRangeException(nameof(options), options.Thresholds, "Thresholds must be at least 2");
        if (options.Epochs is < 1) throw new ArgumentOutOfRangeException(nameof(options), options.Epochs, "Epochs must be positive");

        int points = Math.Min(options.Points, study.TestLabels.Length);
        int h1Points = Math.Min(options.H1Points, points);
        double scale = KoopmanTopology.Scale(study);
        var first = study.TestLayers[0].Narrow(0, 0, points).Contiguous();
        double reference = options.ReferenceThreshold ?? KoopmanTopology.DataThreshold(study.TestLayers[^1].Narrow(0, 0, points), scale);

        int weights = options.Weights.Count;
        var accuracy = new double[weights];
        var deaths = new double[weights][][];
        var h1First = new List<PersistencePair>[weights];
        var h1Last = new List<PersistencePair>[weights];
        double maxDeath = reference;
        for (int w = 0; w < weights; w++)
        {
            var kae = Fit(study, options.Weights[w], options.Epochs, options.Seed);
            accuracy[w] = ClassifierTraining.Accuracy(study.SurrogatePredictions(kae), study.TestLabels);
            Tensor[] iterates;
            using (GradMode.NoGrad()) iterates = kae.Iterates(first);
            deaths[w] = new double[iterates.Length][];
            for (int i = 0; i < iterates.Length; i++)
            {
                deaths[w][i] = KoopmanTopology.DeathTimes(iterates[i], scale);
                if (deaths[w][i].Length > 0) maxDeath = Math.Max(maxDeath, deaths[w][i][^1]);
            }
            h1First[w] = H1(iterates[0], h1Points, scale);
            h1Last[w] = H1(iterates[^1], h1Points, scale);
        }

        var grid = new double[options.Thresholds];
        for (int t = 0; t < grid.Length; t++) grid[t] = maxDeath * t / (grid.Length - 1);
        var betti0 = new int[weights][][];
        var atReference = new int[weights][];
        var betti1First = new int[weights][];
        var betti1Last = new int[weights][];
        for (int w = 0; w < weights; w++)
        {
            betti0[w] = new int[deaths[w].Length][];
            atReference[w] = new int[deaths[w].Length];
            for (int i = 0; i < deaths[w].Length; i++)
            {
                betti0[w][i] = PersistenceH0.BettiCurve(deaths[w][i], grid);
                atReference[w][i] = PersistenceH0.Betti0(deaths[w][i], reference);
            }
            betti1First[w] = PersistenceH1.BettiCurve(h1First[w], grid);
            betti1Last[w] = PersistenceH1.BettiCurve(h1Last[w], grid);
        }
        return new IsometryAblationResult([.. options.Weights], grid, scale, reference, accuracy, betti0, atReference, betti1First, betti1Last);
    }

    /// <summary>
    /// A Koopman autoencoder fitted to <paramref name="study"/>'s first and last preprocessed training layers with the
    /// study's recipe except isometry weight <paramref name="isometry"/> and <paramref name="epochs"/> (null: the study's),
    /// initialised and shuffled from <paramref name="seed"/> alone: two fits that differ in one of these differ in nothing else.
    /// </summary>
    public static KoopmanAutoencoder Fit(KoopmanStudy study, float isometry, int? epochs, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(study);
        var config = study.Config;
        var kae = new KoopmanAutoencoder([config.Components, .. config.EncoderWidths], config.Steps, new Generator(seed));
        var training = config.Koopman with { Isometry = isometry, Seed = seed, Epochs = epochs ?? config.Koopman.Epochs };
        KoopmanTraining.Train(kae, study.TrainLayers[0], study.TrainLayers[^1], training);
        return kae;
    }

    // H1 bars of the first rows of a cloud, with the Rips complex truncated where that subset becomes connected (its
    // largest H0 death): that bounds the triangle count; loops born later are not seen.
    private static List<PersistencePair> H1(Tensor cloud, int count, double scale)
    {
        var c = (cloud.Narrow(0, 0, count) * (float)scale).Contiguous();
        var data = c.ToArray();
        var h0 = PersistenceH0.DeathTimes(data, count, c.Size(1));
        return PersistenceH1.Compute(data, count, c.Size(1), h0.Length == 0 ? 0 : h0[^1]);
    }
}
