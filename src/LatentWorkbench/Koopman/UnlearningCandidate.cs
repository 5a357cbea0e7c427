namespace LatentWorkbench.Koopman;

/// <summary>
/// One lambda of the grid scored on the validation rows: per-class accuracy after its edit, the forget class's accuracy
/// and the largest accuracy loss of a retained class (validation before minus after).
/// </summary>
public sealed record UnlearningCandidate(double Lambda, double[] ValidationAfter, double ForgetAccuracy, double WorstRetainedLoss);
