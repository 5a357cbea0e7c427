using LatentWorkbench.Figures;

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

    /// <summary>
    /// A scatter of starts coloured by basin with the attractors on top: in the latent plane for k = 2, otherwise in
    /// the plane of the end points' first two principal components.
    /// </summary>
    public Figure ToFigure(string? title = null)
    {
        var (sx, sy, ax, ay) = Projection.TwoD(Trajectories.Starts, Attractors, Dim);
        var fig = Figure.Create();
        var basinColour = Array.ConvertAll(Basins, b => (double)b);
        var starts = Figures.Plot.Scatter(sx, sy, "starts");
        starts.Marker = new MarkerStyle { Size = 4, Colors = basinColour, ColorScale = ColorScale.Viridis, Opacity = 0.6 };
        fig.Add(starts);
        var att = Figures.Plot.Scatter(ax, ay, $"attractors ({Count})");
        att.Marker = new MarkerStyle { Size = 10, Color = "red", Symbol = "x" };
        fig.Add(att);
        fig.WithTitle(title ?? $"{Count} attractors from {Trajectories.Count} starts ({Trajectories.ConvergedFraction:P0} converged)");
        if (Dim == 2) fig.WithXAxis("z1").WithYAxis("z2").WithEqualAspect();
        else fig.WithXAxis("PC1").WithYAxis("PC2");
        return fig;
    }

    /// <summary>Moduli of all Jacobian eigenvalues per attractor, with the unit circle's modulus 1 marked.</summary>
    public Figure SpectrumFigure()
    {
        var fig = Figure.Create();
        for (int i = 0; i < Stability.Count; i++)
        {
            var mods = Stability[i].Eigenvalues.Select(e => e.Magnitude).ToArray();
            fig.Add(Figures.Plot.Scatter(DataArray.Range(mods.Length), mods, $"attractor {i}", ScatterMode.LinesMarkers));
        }
        int len = Dim;
        fig.Add(Figures.Plot.Line(new double[] { 0, len - 1 }, new double[] { 1, 1 }, "|lambda| = 1"));
        return fig.WithTitle("Jacobian eigenvalue moduli at the attractors").WithXAxis("index (by modulus)").WithYAxis("|lambda|");
    }

    /// <summary>Same as <see cref="ToFigure"/>.</summary>
    public Figure Plot() => ToFigure();
}
