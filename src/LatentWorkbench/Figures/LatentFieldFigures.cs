using LatentWorkbench.Figures;

namespace LatentWorkbench.LatentFields;

/// <summary>Figures of a latent field: the field with trajectories and attractors, and the basins of a grid of starts.</summary>
public static class LatentFieldFigures
{
    /// <summary>
    /// The field V(z) = f(z) - z as arrows on a <paramref name="arrowsPerAxis"/>-square grid over the box (k = 2), the
    /// recorded paths of <paramref name="result"/> as lines and its attractors as red crosses. For k &gt; 2 there is no
    /// field to draw: paths and attractors are projected on the first two principal components of the end points.
    /// </summary>
    public static Figure Field(LatentMap map, AttractorResult result, (double Min, double Max) xRange, (double Min, double Max) yRange,
        int arrowsPerAxis = 25, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(result);
        if (map.Dim != result.Dim)
            throw new ArgumentException($"the map has k = {map.Dim} but the attractors have k = {result.Dim}", nameof(result));
        var fig = Figure.Create();
        int k = result.Dim;
        Func<float[], (double[] X, double[] Y)> project;
        if (k == 2)
        {
            var (gp, gv) = map.FieldOnGrid(xRange, yRange, arrowsPerAxis, arrowsPerAxis);
            var (px, py) = Columns(gp);
            var (vx, vy) = Columns(gv);
            fig.Add(Plot.Quiver(px, py, vx, vy, "V(z) = f(z) - z").WithStyle("gray", 1));
            project = Columns;
        }
        else
        {
            var pca = Projection.Pca2(result.Trajectories.Endpoints, k);
            project = p => Projection.Project(p, pca);
        }
        foreach (var (i, path) in result.Trajectories.Paths.OrderBy(p => p.Key))
        {
            var (x, y) = project(path);
            fig.Add(Plot.Line(x, y, $"trajectory {i}"));
        }
        var (ax, ay) = project(result.Attractors);
        var att = Plot.Scatter(ax, ay, $"attractors ({result.Count})");
        att.Marker = new MarkerStyle { Size = 12, Color = "red", Symbol = "x" };
        fig.Add(att);
        fig.WithTitle(title ?? (k == 2 ? "Latent vector field, trajectories and attractors" : $"Trajectories and attractors (PCA of k = {k})"));
        return k == 2 ? fig.WithXAxis("z1").WithYAxis("z2").WithEqualAspect() : fig.WithXAxis("PC1").WithYAxis("PC2");
    }

    /// <summary>
    /// The basins of a regular grid of starts as a heatmap of attractor indices (-1 for starts that did not converge),
    /// with the attractors on top. The grid is the <paramref name="nx"/> x <paramref name="ny"/> block of starts
    /// beginning at <paramref name="firstStart"/>, laid out x fastest over the box (as <see cref="LatentStarts.Grid"/>).
    /// </summary>
    public static Figure Basins(AttractorResult result, int firstStart, int nx, int ny, (double Min, double Max) xRange, (double Min, double Max) yRange, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Dim != 2) throw new ArgumentException($"a basins map needs a 2-D latent space; the attractors have k = {result.Dim}", nameof(result));
        if (nx < 2 || ny < 2) throw new ArgumentOutOfRangeException(nameof(nx), $"a grid needs at least 2 points per axis; got {nx} x {ny}");
        if (firstStart < 0 || firstStart + nx * ny > result.Basins.Length)
            throw new ArgumentOutOfRangeException(nameof(firstStart), firstStart, $"the {nx} x {ny} grid must lie within the {result.Basins.Length} starts");
        var z = new double[ny, nx];
        for (int j = 0; j < ny; j++)
            for (int i = 0; i < nx; i++) z[j, i] = result.Basins[firstStart + j * nx + i];
        var xs = new double[nx];
        var ys = new double[ny];
        for (int i = 0; i < nx; i++) xs[i] = xRange.Min + (xRange.Max - xRange.Min) * i / (nx - 1);
        for (int j = 0; j < ny; j++) ys[j] = yRange.Min + (yRange.Max - yRange.Min) * j / (ny - 1);
        var fig = Figure.Create(Plot.Heatmap(z, xs, ys, ColorScale.Viridis).WithColorBar("attractor"));
        var (ax, ay) = Columns(result.Attractors);
        var att = Plot.Scatter(ax, ay, $"attractors ({result.Count})");
        att.Marker = new MarkerStyle { Size = 12, Color = "red", Symbol = "x" };
        fig.Add(att);
        return fig.WithTitle(title ?? $"Basins of attraction ({nx} x {ny} grid)").WithXAxis("z1").WithYAxis("z2").WithEqualAspect();
    }

    private static (double[] X, double[] Y) Columns(float[] points)
    {
        int n = points.Length / 2;
        var x = new double[n];
        var y = new double[n];
        for (int i = 0; i < n; i++) { x[i] = points[2 * i]; y[i] = points[2 * i + 1]; }
        return (x, y);
    }
}
