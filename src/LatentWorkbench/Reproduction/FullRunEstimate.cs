using System.Globalization;

namespace LatentWorkbench.Reproduction;

/// <summary>
/// How much longer a full run of an experiment takes than its quick run, from the training work of the two recipes
/// (epochs x images x model cost), so REPRODUCTION.md can say what a full run would cost here before anyone runs it.
/// These are estimates of training time, the dominant cost; a measured full run replaces them.
/// </summary>
public static class FullRunEstimate
{
    private static readonly Dictionary<string, (double Factor, string Basis)> Factors = new()
    {
        ["latent-field"] = (37.5, "MLP autoencoder: 20 epochs x 60,000 images vs 4 x 8,000"),
        ["memorization"] = (360, "18 conv models of width 32, 20 epochs x 60,000 images vs 10 of width 16, 6 x 4,000 (conv cost ~ width^2)"),
        ["dictionary"] = (37.5, "MLP autoencoders: 20 epochs x 60,000 images vs 4 x 8,000"),
        ["ood"] = (37.5, "MLP autoencoders: 20 epochs x 60,000 images vs 4 x 8,000"),
        ["koopman"] = (2000, "MNIST width 784 vs 64 (~150x per step), 60,000 vs 10,000 images, 30/100 vs 8/30 epochs"),
        ["unlearning"] = (2000, "the Koopman studies of the koopman experiment"),
        ["lfm"] = (10, "MLP autoencoders 20 epochs x 60,000 vs 6 x 20,000; graphs on 2,000 vs 800 points"),
        ["why-ood"] = (40, "the ood experiment's MLP autoencoders (20 epochs x 60,000 images vs 4 x 8,000), 2,000 vs 300 test images per side"),
        ["why-koopman"] = (2000, "the koopman experiment's MNIST study (width 784 vs 64, 60,000 vs 10,000 images) and five refitted surrogates"),
        ["why-unlearning-lambda"] = (2000, "the Koopman studies of the koopman experiment"),
        ["why-memorization"] = (200, "conv models of width 32 vs 16 (~4x), 60,000 vs 4,000 images, 20 or 80 vs 6 or 24 epochs; the small set as many steps as the control"),
    };

    /// <summary>Estimated seconds of a full run given the quick run's seconds per seed, or null for an unknown experiment.</summary>
    public static double? Seconds(string experiment, double quickSecondsPerSeed) =>
        Factors.TryGetValue(experiment, out var f) ? f.Factor * quickSecondsPerSeed : null;

    /// <summary>What the estimate of <paramref name="experiment"/> rests on.</summary>
    public static string Basis(string experiment) => Factors.TryGetValue(experiment, out var f) ? f.Basis : "no estimate";

    /// <summary>"40 min", "3.2 h".</summary>
    public static string Describe(double seconds) => seconds switch
    {
        < 120 => string.Create(CultureInfo.InvariantCulture, $"{seconds:F0} s"),
        < 7200 => string.Create(CultureInfo.InvariantCulture, $"{seconds / 60:F0} min"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{seconds / 3600:F1} h"),
    };
}
