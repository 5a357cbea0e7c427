using LatentWorkbench.Training;

namespace LatentWorkbench.LatentFields;

/// <summary>
/// The scores of every method, the training attractors the trajectory score measured distances to, and the
/// trajectory score over the first T points of each path for each of <see cref="OodBenchmarkOptions.PathLengths"/>.
/// </summary>
/// <param name="Scores">Per method ("trajectory", "knn", "reconstruction", "mahalanobis", "field-norm"), the scores of the in-distribution and OOD test images, [n_in] and [n_out] (higher = more OOD).</param>
/// <param name="TrainingAttractors">The attractors of the training latents (how many, how they converged).</param>
/// <param name="PathPrefixScores">Per path length T, the trajectory scores [n_in] and [n_out] over the first T points of each path.</param>
/// <param name="Model">The autoencoder scored (its recipe, test MSE and training history).</param>
public sealed record OodBenchmarkResult(IReadOnlyList<(string Method, double[] In, double[] Out)> Scores, AttractorResult TrainingAttractors,
    IReadOnlyList<(int Length, double[] In, double[] Out)> PathPrefixScores, AutoencoderRun Model);
