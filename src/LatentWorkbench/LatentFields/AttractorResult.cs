namespace LatentWorkbench.LatentFields;

/// <summary>
/// Attractors found from a set of starts: the merged end points, which start fell into which (its basin; -1 for
/// starts that did not converge), and the Jacobian spectrum at each.
/// </summary>
public sealed record AttractorResult(int Dim, float[] Attractors, int[] Basins, IReadOnlyList<Stability> Stability, TrajectoryResult Trajectories)
{
    /// <summary>Number of distinct attractors.</summary>
    public int Count => Attractors.Length / Dim;

    /// <summary>Attractor <paramref name="i"/> as a k-vector.</summary>
    public ReadOnlySpan<float> Attractor(int i) => Attractors.AsSpan(i * Dim, Dim);

    /// <summary>How many starts ended at each attractor.</summary>
    public int[] BasinSizes
    {
        get
        {
            var sizes = new int[Count];
            foreach (int b in Basins) if (b >= 0) sizes[b]++;
            return sizes;
        }
    }

    /// <summary>Largest spectral radius over attractors (NaN when stability was not computed).</summary>
    public double MaxSpectralRadius => Stability.Count == 0 ? double.NaN : Stability.Max(s => s.SpectralRadius);

    /// <summary>Fraction of fixed points whose Jacobian spectrum lies inside the unit circle.</summary>
    public double StableFraction => Stability.Count == 0 ? double.NaN : Stability.Count(s => s.IsAttractor) / (double)Stability.Count;
}
