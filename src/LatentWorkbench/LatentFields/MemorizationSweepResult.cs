namespace LatentWorkbench.LatentFields;

/// <summary>The sweep's rows, one per (dataset, k) in run order.</summary>
/// <param name="Rows">One row per (dataset, k), datasets outer, k inner.</param>
public sealed record MemorizationSweepResult(IReadOnlyList<MemorizationRow> Rows);

/// <summary>One (dataset, k) cell of the sweep: attractor count and convergence, memorisation against its null, test MSE.</summary>
/// <param name="Dataset">The dataset the model was trained on.</param>
/// <param name="K">The bottleneck size.</param>
/// <param name="Attractors">Distinct attractors reached from the training latents.</param>
/// <param name="ConvergedFraction">Fraction of those trajectories that met the stopping rule.</param>
/// <param name="MeanSteps">Mean steps of those trajectories.</param>
/// <param name="MemorizationMean">Mean over attractors of the best cosine of D(z*) to a training image.</param>
/// <param name="MemorizationStd">Standard deviation of that cosine over attractors.</param>
/// <param name="NullMemorization">The same cosine for test images (the null baseline).</param>
/// <param name="GeneralizationEntropy">Singular vectors of the decoded attractors that explain 90% of their variance.</param>
/// <param name="TestMse">The model's test reconstruction MSE.</param>
/// <param name="NoiseAttractors">Distinct attractors from N(0, I) starts; null unless the sweep ran them (<see cref="MemorizationSweepOptions.NoiseStarts"/>).</param>
/// <param name="NoiseMeanSteps">Mean steps of the N(0, I)-started trajectories; null unless the sweep ran them.</param>
/// <param name="MeanImageMse">Test MSE of predicting the training mean image (<see cref="MeanImageBaseline"/>) on the same images; NaN when not measured.</param>
public sealed record MemorizationRow(string Dataset, int K, int Attractors, double ConvergedFraction, double MeanSteps,
    double MemorizationMean, double MemorizationStd, double NullMemorization, int GeneralizationEntropy, double TestMse,
    int? NoiseAttractors = null, double? NoiseMeanSteps = null, double MeanImageMse = double.NaN)
{
    /// <summary>
    /// The model does not beat the mean image: it has collapsed to about one blurred output, so its attractors (usually
    /// one) say nothing about memorisation and the row must not be read as a finding.
    /// </summary>
    public bool Degenerate => !double.IsNaN(MeanImageMse) && !(TestMse < MeanImageMse);
}
