namespace LatentWorkbench.LatentFields;

/// <summary>
/// Attractors found from a set of starts: the merged end points, which start fell into which (its basin; -1 for
/// starts that did not converge), and the Jacobian spectrum at each.
/// </summary>
/// <param name="Dim">The dimension k.</param>
/// <param name="Attractors">The m merged attractors, row-major [m * k].</param>
/// <param name="Basins">The attractor each start ended at [n], an index into <paramref name="Attractors"/>; -1 for starts that did not converge.</param>
/// <param name="Stability">The Jacobian analysis at each attractor [m]; empty when <see cref="AttractorOptions.ComputeStability"/> is off.</param>
/// <param name="Trajectories">The iteration run the attractors came from.</param>
public sealed record AttractorResult(int Dim, float[] Attractors, int[] Basins, IReadOnlyList<Stability> Stability, TrajectoryResult Trajectories)
{
    /// <summary>Number of distinct attractors m.</summary>
    public int Count => Attractors.Length / Dim;

    /// <summary>Attractor <paramref name="i"/>, [k].</summary>
    public ReadOnlySpan<float> Attractor(int i) => Attractors.AsSpan(i * Dim, Dim);

    /// <summary>How many starts ended at each attractor, [m].</summary>
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
