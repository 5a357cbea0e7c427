namespace LatentWorkbench.Koopman;

/// <summary>
/// Settings of the isometry-weight ablation (papers.md section 2: H0/H1 Betti curves for l4 in {1, 1e-3, 0}).
/// Defaults are the paper's; quick runs lower <see cref="Epochs"/> and the point counts.
/// </summary>
public sealed record IsometryAblationOptions
{
    /// <summary>Isometry weights l4 to compare (paper: 1, 1e-3, 0).</summary>
    public IReadOnlyList<float> Weights { get; init; } = [1f, 1e-3f, 0f];
    /// <summary>Training epochs of each Koopman autoencoder; null keeps the study's own.</summary>
    public int? Epochs { get; init; }
    /// <summary>Test points (the first of the test set) whose decoded iterates enter the H0 curves (paper: 10,000).</summary>
    public int Points { get; init; } = 10_000;
    /// <summary>Points (a prefix of those) for the H1 curves; the Rips reduction grows with the cube of the count.</summary>
    public int H1Points { get; init; } = 300;
    /// <summary>Number of thresholds on the common grid, evenly spaced from 0 to the largest H0 death time of any iterate.</summary>
    public int Thresholds { get; init; } = 60;
    /// <summary>
    /// The threshold at which beta_0 is followed across iterations. Null: <see cref="KoopmanTopology.DataThreshold"/> of
    /// the test set's preprocessed last layer, the target every surrogate is trained to reach and the same for all weights;
    /// it adapts to the number of points (the paper's 0.14 refers to 10,000).
    /// </summary>
    public double? ReferenceThreshold { get; init; }
    /// <summary>Seed of every autoencoder's initialisation and shuffling: the same for all weights, so only l4 differs.</summary>
    public ulong Seed { get; init; } = 0;
}
