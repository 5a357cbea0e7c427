namespace LatentWorkbench.Koopman;

/// <summary>
/// One condition of <see cref="IterateFall"/>: a surrogate and a way of reading its decoded iterates psi(phi(x0) K^i),
/// differing from the control in the one factor named.
/// </summary>
/// <param name="Factor">What changed: "control", "isometry", "epochs", "threshold", "points" or "iterations".</param>
/// <param name="Setting">Its value here, e.g. "l4 = 1", "100 epochs", "paper quantile", "eps = 0.14", "250 points", "20 iterations".</param>
/// <param name="Isometry">Isometry weight l4 the surrogate was trained with.</param>
/// <param name="Epochs">Training epochs of the surrogate.</param>
/// <param name="Threshold">The eps at which <paramref name="Betti0"/> is read (clouds scaled by <see cref="KoopmanTopology.Scale(KoopmanStudy)"/>).</param>
/// <param name="Points">How many test points were measured.</param>
/// <param name="Betti0">beta_0 of the decoded iterate i at <paramref name="Threshold"/>, [iterations + 1] from i = 0.</param>
/// <param name="MergeScale">Median H0 death time (nearest-neighbour merge scale) of each decoded iterate, [iterations + 1]: threshold-free, smaller is more clustered.</param>
/// <param name="SurrogateAccuracy">Test accuracy of the classifier's head on the surrogate's prediction of the last layer.</param>
/// <param name="StateMse">MSE of the predicted last layer psi(phi(x0) K^k) against the true one on the measured points.</param>
/// <param name="MeanStateMse">MSE of the training mean of the last layer on the same points: the baseline the surrogate must beat.</param>
public sealed record IterateFallCondition(
    string Factor, string Setting, float Isometry, int Epochs, double Threshold, int Points, int[] Betti0, double[] MergeScale,
    double SurrogateAccuracy, double StateMse, double MeanStateMse)
{
    /// <summary>beta_0 at i = 0 over beta_0 at the last iterate: the paper's is 8633 / 9, about 960; below 1 means it rises.</summary>
    public double FallFactor => (double)Betti0[0] / Math.Max(Betti0[^1], 1);

    /// <summary>Whether the surrogate fails to beat the mean last layer (NaN counts as failing): then its iterates say nothing.</summary>
    public bool Degenerate => !(StateMse < MeanStateMse);
}

/// <summary>
/// Outcome of <see cref="IterateFall.Run"/>: the control first, then one condition per single change.
/// </summary>
/// <param name="Scale">Factor applied to every cloud before measuring (<see cref="KoopmanTopology.Scale(KoopmanStudy)"/>).</param>
/// <param name="TargetMergeScale">Median merge scale of the test set's last layer (the target the iterates should reach at i = k).</param>
/// <param name="Conditions">The control ([0]) and the changed conditions, in run order.</param>
public sealed record IterateFallResult(double Scale, double TargetMergeScale, IReadOnlyList<IterateFallCondition> Conditions)
{
    /// <summary>The shared control every other condition differs from in one factor.</summary>
    public IterateFallCondition Control => Conditions[0];
}
