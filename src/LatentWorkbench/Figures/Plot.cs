namespace LatentWorkbench.Figures;

/// <summary>
/// Short factory methods for traces, e.g. <c>Figure.Create(Plot.Line(loss, "train"), Plot.Line(valLoss, "val"))</c>.
/// </summary>
public static class Plot
{
    /// <summary>Points at (x, y); <paramref name="x"/> and <paramref name="y"/> [n].</summary>
    public static ScatterTrace Scatter(DataArray x, DataArray y, string? name = null, ScatterMode mode = ScatterMode.Markers) =>
        new(x, y, mode) { Name = name };

    /// <summary>A line through (x, y); <paramref name="x"/> and <paramref name="y"/> [n].</summary>
    public static ScatterTrace Line(DataArray x, DataArray y, string? name = null) => Scatter(x, y, name, ScatterMode.Lines);

    /// <summary>A line over steps 0..n-1 of <paramref name="y"/> [n], e.g. a loss curve.</summary>
    public static ScatterTrace Line(DataArray y, string? name = null) => Scatter(DataArray.Range(y.Length), y, name, ScatterMode.Lines);

    /// <summary>A heatmap of <paramref name="z"/> [rows, columns] (row i at y[i], column j at x[j]); <paramref name="x"/> [columns], <paramref name="y"/> [rows], both optional.</summary>
    public static HeatmapTrace Heatmap(Matrix z, DataArray? x = null, DataArray? y = null, ColorScale? colorScale = null) =>
        new(z, x, y) { ColorScale = colorScale };

    /// <summary>Contours of <paramref name="z"/> [rows, columns] (row i at y[i], column j at x[j]); <paramref name="x"/> [columns], <paramref name="y"/> [rows], both optional.</summary>
    public static ContourTrace Contour(Matrix z, DataArray? x = null, DataArray? y = null, ColorScale? colorScale = null) =>
        new(z, x, y) { ColorScale = colorScale };

    /// <summary>Arrows from (x, y) along (u, v), all four [n]; see <see cref="QuiverTrace"/> for scaling.</summary>
    public static QuiverTrace Quiver(DataArray x, DataArray y, DataArray u, DataArray v, string? name = null, double? scale = null) =>
        new(x, y, u, v) { Name = name, Scale = scale };

    /// <summary>Arrows of <paramref name="field"/> sampled on an <paramref name="nx"/> x <paramref name="ny"/> grid over a box (x fastest), nx * ny arrows.</summary>
    public static QuiverTrace Quiver(VectorField2 field, (double Min, double Max) xRange, (double Min, double Max) yRange, int nx = 15, int ny = 15, string? name = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(nx, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(ny, 2);
        var n = nx * ny;
        double[] xs = new double[n], ys = new double[n], us = new double[n], vs = new double[n];
        for (var j = 0; j < ny; j++)
            for (var i = 0; i < nx; i++)
            {
                var k = j * nx + i;
                xs[k] = xRange.Min + (xRange.Max - xRange.Min) * i / (nx - 1);
                ys[k] = yRange.Min + (yRange.Max - yRange.Min) * j / (ny - 1);
                (us[k], vs[k]) = field(xs[k], ys[k]);
            }
        return Quiver(xs, ys, us, vs, name);
    }

    /// <summary>Streamlines of <paramref name="field"/> from each seed, as one line trace.</summary>
    public static ScatterTrace Streamlines(VectorField2 field, IEnumerable<(double X, double Y)> seeds, StreamlineOptions? options = null, string? name = null)
    {
        var (x, y) = Figures.Streamlines.Join(Figures.Streamlines.Integrate(field, seeds, options));
        return Line(x, y, name);
    }

    /// <summary>A histogram of <paramref name="values"/> [n] (plotly picks the bins when <paramref name="bins"/> is null).</summary>
    public static HistogramTrace Histogram(DataArray values, string? name = null, int? bins = null) =>
        new(values) { Name = name, BinCount = bins };

    /// <summary>Bars over named categories: <paramref name="categories"/> and <paramref name="values"/> [c].</summary>
    public static BarTrace Bar(IReadOnlyList<string> categories, DataArray values, string? name = null) =>
        new(categories, values) { Name = name };

    /// <summary>3D points at (x, y, z), each [n].</summary>
    public static Scatter3dTrace Scatter3d(DataArray x, DataArray y, DataArray z, string? name = null, ScatterMode mode = ScatterMode.Markers) =>
        new(x, y, z, mode) { Name = name };

    /// <summary>A 3D vector field as cones at (x, y, z) pointing along (u, v, w), all six [n].</summary>
    public static ConeTrace Cone(DataArray x, DataArray y, DataArray z, DataArray u, DataArray v, DataArray w, string? name = null) =>
        new(x, y, z, u, v, w) { Name = name };
}
