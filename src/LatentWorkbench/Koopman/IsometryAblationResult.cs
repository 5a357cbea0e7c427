namespace LatentWorkbench.Koopman;

/// <summary>
/// Outcome of <see cref="IsometryAblation.Run"/>: per isometry weight, the surrogate's test accuracy and the Betti
/// curves of its decoded iterates psi(phi(x0) K^i), all on one threshold grid (clouds scaled by <see cref="Scale"/>).
/// </summary>
/// <param name="Weights">The isometry weights l4, in run order, [weights].</param>
/// <param name="Thresholds">The common threshold grid [thresholds], ascending from 0.</param>
/// <param name="Scale">Factor applied to every cloud before measuring (<see cref="KoopmanTopology.Scale(KoopmanStudy)"/>).</param>
/// <param name="ReferenceThreshold">The threshold of <see cref="Betti0AtReference"/>.</param>
/// <param name="SurrogateAccuracy">Surrogate test accuracy per weight, [weights].</param>
/// <param name="Betti0">beta_0 curves [weight][iteration i = 0..k][threshold].</param>
/// <param name="Betti0AtReference">beta_0 at the reference threshold [weight][iteration].</param>
/// <param name="Betti1First">beta_1 curve of the first decoded iterate (i = 0) per weight [weight][threshold].</param>
/// <param name="Betti1Last">beta_1 curve of the last decoded iterate (i = k) per weight [weight][threshold].</param>
public sealed record IsometryAblationResult(
    IReadOnlyList<float> Weights, double[] Thresholds, double Scale, double ReferenceThreshold, double[] SurrogateAccuracy,
    int[][][] Betti0, int[][] Betti0AtReference, int[][] Betti1First, int[][] Betti1Last);
