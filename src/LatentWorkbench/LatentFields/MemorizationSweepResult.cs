namespace LatentWorkbench.LatentFields;

/// <summary>The sweep's rows, one per (dataset, k) in run order.</summary>
public sealed record MemorizationSweepResult(IReadOnlyList<MemorizationRow> Rows);

/// <summary>One (dataset, k) cell of the sweep: attractor count and convergence, memorisation against its null, test MSE.</summary>
public sealed record MemorizationRow(string Dataset, int K, int Attractors, double ConvergedFraction, double MeanSteps,
    double MemorizationMean, double MemorizationStd, double NullMemorization, int GeneralizationEntropy, double TestMse);
