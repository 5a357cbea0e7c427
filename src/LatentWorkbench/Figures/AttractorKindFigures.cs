using LatentWorkbench.Decomposition;
using LatentWorkbench.Engine;
using LatentWorkbench.LatentFields;
using LatentWorkbench.Models;

namespace LatentWorkbench.Figures;

/// <summary>
/// Figures of where latent trajectories end (<see cref="AttractorKindResult"/>): cycles as closed polylines in the
/// latent plane or its principal plane, decoded cycles as an image strip per orbit, and the kinds per model.
/// </summary>
public static class AttractorKindFigures
{
    private static readonly string[] Palette = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"];

    /// <summary>
    /// The cycles (the <paramref name="maxCycles"/> with the largest basins) as closed polylines through their points in
    /// the order f visits them, the fixed points as crosses and the last points of unresolved trajectories as grey dots.
    /// For k = 2 in the latent plane; otherwise in the plane of the first two principal components of all these points.
    /// </summary>
    public static Figure Cycles(AttractorKindResult result, int maxCycles = 10, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentOutOfRangeException.ThrowIfNegative(maxCycles);
        int k = result.Dim;
        var cycles = result.Cycles.OrderByDescending(c => c.BasinSize).Take(maxCycles).ToList();
        var fixedPoints = result.FixedPoints;
        var unresolved = Rows(result.Endpoints, result.StartsOf(AttractorKind.Unresolved), k);
        var project = Projector(k, cycles.SelectMany(c => Rows(c.Points, k)).Concat(fixedPoints.SelectMany(f => Rows(f.Points, k))).Concat(unresolved).ToList());

        var fig = Figure.Create();
        if (unresolved.Count > 0)
        {
            var (ux, uy) = project(unresolved);
            fig.Add(Plot.Scatter(ux, uy, $"unresolved, last point ({unresolved.Count})").WithMarker("lightgray", 4, opacity: 0.7));
        }
        if (fixedPoints.Count > 0)
        {
            var (fx, fy) = project(fixedPoints.SelectMany(f => Rows(f.Points, k)).ToList());
            fig.Add(Plot.Scatter(fx, fy, $"fixed points ({fixedPoints.Count})").WithMarker("black", 8, "x"));
        }
        for (int c = 0; c < cycles.Count; c++)
        {
            var points = Rows(cycles[c].Points, k);
            points.Add(points[0]); // closed: back to the first point
            var (x, y) = project(points);
            string colour = Palette[c % Palette.Length];
            fig.Add(Plot.Scatter(x, y, $"period {cycles[c].Period} (basin {cycles[c].BasinSize}, |μ| {cycles[c].MaxMultiplier:G3})", ScatterMode.LinesMarkers)
                .WithLine(colour, 2).WithMarker(colour, 8));
        }
        int total = result.Cycles.Count;
        fig.WithTitle(title ?? $"{total} cycle{(total == 1 ? "" : "s")}, {fixedPoints.Count} fixed points, {unresolved.Count} unresolved" +
            (total > cycles.Count ? $" (the {cycles.Count} largest basins drawn)" : ""));
        return k == 2 ? fig.WithXAxis("z1").WithYAxis("z2").WithEqualAspect() : fig.WithXAxis("PC1").WithYAxis("PC2");
    }

    /// <summary>
    /// The decoded points of the <paramref name="maxCycles"/> cycles with the largest basins, one row per cycle in the
    /// order f visits its points (shorter cycles leave blank tiles); a cycle longer than <paramref name="maxColumns"/>
    /// shows that many points at evenly spaced phases. The image shape comes from the model's input shape ([c, h, w], or
    /// [d] read as 28 x 28 images with d / 784 channels).
    /// </summary>
    public static Figure DecodedCycles(AttractorKindResult result, IAutoencoder model, int maxCycles = 10, int maxColumns = 16, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCycles);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxColumns);
        if (model.LatentDim != result.Dim)
            throw new ArgumentException($"the model has k = {model.LatentDim} but the trajectories have k = {result.Dim}", nameof(model));
        var cycles = result.Cycles.OrderByDescending(c => c.BasinSize).Take(maxCycles).ToList();
        if (cycles.Count == 0) throw new ArgumentException("the result has no cycles to decode", nameof(result));
        var (channels, height, width) = ImageShape(model);
        int k = result.Dim, columns = Math.Min(cycles.Max(c => c.Period), maxColumns), size = channels * height * width;
        var pixels = new float[cycles.Count * columns * size];
        Array.Fill(pixels, float.NaN);
        for (int r = 0; r < cycles.Count; r++)
        {
            int p = cycles[r].Period, shown = Math.Min(p, columns);
            var all = cycles[r].Flat;
            var points = new float[shown * k];
            for (int c = 0; c < shown; c++) all.AsSpan((int)((long)c * p / shown) * k, k).CopyTo(points.AsSpan(c * k, k));
            var decoded = LatentStarts.Decode(model, points).Contiguous().ToArray();
            if (decoded.Length != shown * size)
                throw new ArgumentException($"the decoder returned {decoded.Length / shown} values per image; expected {channels} x {height} x {width}", nameof(model));
            decoded.CopyTo(pixels.AsSpan(r * columns * size));
        }
        var rows = string.Join("; ", cycles.Select((c, r) =>
            $"{r + 1}: period {c.Period}{(c.Period > columns ? $", every {(double)c.Period / columns:G3}th point" : "")}, basin {c.BasinSize}"));
        return ImageGrid.Tiled(pixels, cycles.Count * columns, channels, height, width, columns,
            title: title ?? $"Decoded cycles, one row each ({rows})");
    }

    /// <summary>
    /// The share of trajectories ending at a fixed point, on a cycle, unresolved or diverged, stacked per cell of the
    /// study (degenerate models marked with an asterisk).
    /// </summary>
    public static Figure Kinds(AttractorKindStudyResult study, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(study);
        var labels = study.Rows.Select(r => $"{r.Dataset} k={r.K}{(r.Degenerate ? "*" : "")}").ToArray();
        var fig = Figure.Create();
        foreach (var (kind, name, colour) in new[]
        {
            (AttractorKind.FixedPoint, "fixed point", "#1f77b4"), (AttractorKind.PeriodicOrbit, "cycle", "#d62728"),
            (AttractorKind.Unresolved, "unresolved", "#7f7f7f"), (AttractorKind.Diverged, "diverged", "#000000"),
        })
        {
            var share = study.Rows.Select(r => r.Kinds.CountOf(kind) / (double)Math.Max(r.Kinds.Count, 1)).ToArray();
            fig.Add(Plot.Bar(labels, share, name).WithColor(colour));
        }
        return fig.WithBarMode(BarMode.Stack).WithTitle(title ?? "Where latent trajectories end").WithYAxis("share of starts", range: (0, 1));
    }

    // Points [p, k] as rows.
    private static List<float[]> Rows(Tensor points, int k) => Rows(points.Contiguous().ToArray(), Enumerable.Range(0, points.Size(0)), k);

    private static List<float[]> Rows(Tensor points, IEnumerable<int> indices, int k) => Rows(points.Contiguous().ToArray(), indices, k);

    private static List<float[]> Rows(float[] flat, IEnumerable<int> indices, int k)
    {
        var rows = new List<float[]>();
        foreach (int i in indices)
        {
            var row = flat.AsSpan(i * k, k).ToArray();
            if (row.All(float.IsFinite)) rows.Add(row);
        }
        return rows;
    }

    // The identity for k = 2, else the projection on the principal plane of the given points (k = 1: the value against 0).
    private static Func<List<float[]>, (double[] X, double[] Y)> Projector(int k, List<float[]> fitOn)
    {
        if (k <= 2 || fitOn.Count < 2)
            return rows => (rows.Select(r => (double)r[0]).ToArray(), rows.Select(r => k > 1 ? (double)r[1] : 0).ToArray());
        var pca = new Pca(new PcaOptions { Components = 2 }).Fit(Tensor.FromArray(fitOn.SelectMany(r => r).ToArray(), fitOn.Count, k));
        return rows =>
        {
            if (rows.Count == 0) return ([], []);
            var c = pca.Transform(Tensor.FromArray(rows.SelectMany(r => r).ToArray(), rows.Count, k)).Contiguous().ToArray();
            return (Enumerable.Range(0, rows.Count).Select(i => (double)c[2 * i]).ToArray(), Enumerable.Range(0, rows.Count).Select(i => (double)c[2 * i + 1]).ToArray());
        };
    }

    private static (int Channels, int Height, int Width) ImageShape(IAutoencoder model)
    {
        var shape = model.InputShape;
        if (shape.Count == 3) return (shape[0], shape[1], shape[2]);
        int d = shape.Aggregate(1, (a, b) => a * b);
        if (d % 784 == 0 && d / 784 is 1 or 3) return (d / 784, 28, 28);
        throw new ArgumentException($"cannot read the model's input shape [{string.Join(", ", shape)}] as images; expected [c, h, w] or [784 c]", nameof(model));
    }
}
