namespace LatentWorkbench.LatentFields;

/// <summary>
/// What the test trajectories of one side (in or out) look like against the control's training attractors: how far
/// they start and end from the nearest one and how long they run. Means over the side's test images.
/// </summary>
/// <param name="LatentNorm">Norm of the encoded image, ||z_0||.</param>
/// <param name="StartDistance">Distance of the encoded image (t = 0) to the nearest training attractor.</param>
/// <param name="EndDistance">Distance of the trajectory's last point to the nearest training attractor.</param>
/// <param name="PathScore">The paper's score: the distance averaged over the whole path.</param>
/// <param name="Steps">Evaluations of f until the trajectory stopped (converged or hit the limit).</param>
/// <param name="ConvergedFraction">Fraction of trajectories that met the tolerance.</param>
/// <param name="EndsAtAttractorFraction">Fraction whose end point lies within the merge radius of a training attractor, i.e. that fell into a training basin.</param>
public sealed record OodPathShape(double LatentNorm, double StartDistance, double EndDistance, double PathScore, double Steps, double ConvergedFraction, double EndsAtAttractorFraction);
