namespace LatentWorkbench.LatentFields;

/// <summary>The trajectory score under one condition of <see cref="OodAblation"/>, on one in/out pair.</summary>
/// <param name="Name">Short name, e.g. "control", "start", "more-starts".</param>
/// <param name="Factor">The one factor it changes against the control.</param>
/// <param name="Description">What it changes, in a few words.</param>
/// <param name="Attractors">Training attractors the score measures distances to.</param>
/// <param name="Auroc">AUROC, OOD = positive (0.5 is chance).</param>
/// <param name="Fpr95">False-positive rate at 95% true-positive rate.</param>
/// <param name="MeanIn">Mean score of the in-distribution test images.</param>
/// <param name="MeanOut">Mean score of the OOD test images.</param>
public sealed record OodCondition(string Name, OodFactor Factor, string Description, int Attractors, double Auroc, double Fpr95, double MeanIn, double MeanOut);
