using LatentWorkbench.Metrics;
using LatentWorkbench.LatentFields;

namespace LatentWorkbench.Figures;

/// <summary>
/// Figures of the latent-field method: the field with trajectories and attractors, basins, Jacobian spectra, the
/// memorisation sweep and attractors tracked during training. Each takes a result and draws it.
/// </summary>
/// <example><code>
/// using var map = new LatentMap(model);                                       // a k = 2 autoencoder
/// var options = new AttractorOptions { Trajectory = new TrajectoryOptions { RecordIndices = [0, 1] } };
/// var found = AttractorFinder.Find(map, LatentStarts.Grid((-3, 3), (-3, 3), 10, 10), options);   // starts [100 * 2]
/// var field = LatentFieldFigures.Field(map, found, (-3, 3), (-3, 3));         // arrows, the two recorded paths, the attractors
/// var basins = LatentFieldFigures.Basins(found, firstStart: 0, nx: 10, ny: 10, (-3, 3), (-3, 3));
/// </code></example>
public static class LatentFieldFigures
{
    /// <summary>
    /// A scatter of starts coloured by basin with the attractors on top: in the latent plane for k = 2, otherwise in
    /// the plane of the end points' first two principal components.
    /// </summary>
    public static Figure Attractors(AttractorResult result, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        var (sx, sy, ax, ay) = Projection.TwoD(result.Trajectories.Starts, result.Attractors, result.Dim);
        var fig = Figure.Create();
        var basinColour = Array.ConvertAll(result.Basins, b => (double)b);
        var starts = Plot.Scatter(sx, sy, "starts");
        starts.Marker = new MarkerStyle { Size = 4, Colors = basinColour, ColorScale = ColorScale.Viridis, Opacity = 0.6 };
        fig.Add(starts);
        var att = Plot.Scatter(ax, ay, $"attractors ({result.Count})");
        att.Marker = new MarkerStyle { Size = 10, Color = "red", Symbol = "x" };
        fig.Add(att);
        fig.WithTitle(title ?? $"{result.Count} attractors from {result.Trajectories.Count} starts ({result.Trajectories.ConvergedFraction:P0} converged)");
        if (result.Dim == 2) fig.WithXAxis("z1").WithYAxis("z2").WithEqualAspect();
        else fig.WithXAxis("PC1").WithYAxis("PC2");
        return fig;
    }

    /// <summary>One line per attractor: the moduli [k] of its Jacobian eigenvalues by decreasing modulus, with |lambda| = 1 marked.</summary>
    public static Figure Spectrum(AttractorResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var fig = Figure.Create();
        for (int i = 0; i < result.Stability.Count; i++)
        {
            var mods = result.Stability[i].Eigenvalues.Select(e => e.Magnitude).ToArray();
            fig.Add(Plot.Scatter(DataArray.Range(mods.Length), mods, $"attractor {i}", ScatterMode.LinesMarkers));
        }
        fig.Add(Plot.Line(new double[] { 0, result.Dim - 1 }, new double[] { 1, 1 }, "|lambda| = 1"));
        return fig.WithTitle("Jacobian eigenvalue moduli at the attractors").WithXAxis("index (by modulus)").WithYAxis("|lambda|");
    }

    /// <summary>Three panels against k (log axis): memorisation with the null baseline, test MSE, number of attractors.</summary>
    public static Figure Memorization(MemorizationSweepResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var rows = result.Rows;
        var fig = Figure.Subplots(1, 3, ["memorisation coefficient vs k", "test MSE vs k", "attractors vs k"]);
        foreach (var ds in rows.Select(r => r.Dataset).Distinct())
        {
            var sel = rows.Where(r => r.Dataset == ds).OrderBy(r => r.K).ToList();
            var ks = sel.Select(r => (double)r.K).ToArray();
            fig.Add(Plot.Scatter(ks, sel.Select(r => r.MemorizationMean).ToArray(), $"{ds} attractors", ScatterMode.LinesMarkers), 1, 1);
            fig.Add(Plot.Scatter(ks, sel.Select(r => r.NullMemorization).ToArray(), $"{ds} null (test images)", ScatterMode.Lines), 1, 1);
            fig.Add(Plot.Scatter(ks, sel.Select(r => r.TestMse).ToArray(), $"{ds} test MSE", ScatterMode.LinesMarkers), 1, 2);
            fig.Add(Plot.Scatter(ks, sel.Select(r => (double)r.Attractors).ToArray(), $"{ds} attractors", ScatterMode.LinesMarkers), 1, 3);
        }
        for (int c = 1; c <= 3; c++) fig.WithXAxis("k", log: true, col: c);
        fig.WithYAxis("max cosine to training set", col: 1).WithYAxis("MSE", col: 2).WithYAxis("count", log: true, col: 3);
        return fig.WithSize(1300, 430);
    }

    /// <summary>
    /// The memorisation controlled experiment over seeds ([seeds] results of one options record, conditions in the same
    /// order): per condition, bars of the mean memorisation in the model's layout and on 28 x 28 pixels and of the null,
    /// each with its seed standard deviation, and the paper's 0.8 line for the most regularised bottlenecks.
    /// </summary>
    public static Figure MemorizationAblation(IReadOnlyList<MemorizationAblationResult> seeds)
    {
        ArgumentNullException.ThrowIfNull(seeds);
        if (seeds.Count == 0) throw new ArgumentException("at least one seed's result is needed", nameof(seeds));
        var names = seeds[0].Conditions.Select(c => c.Name).ToArray();
        foreach (var r in seeds)
            if (!r.Conditions.Select(c => c.Name).SequenceEqual(names))
                throw new ArgumentException("every seed's result must hold the same conditions in the same order", nameof(seeds));
        var fig = Figure.Create();
        foreach (var (label, value) in new (string, Func<MemorizationCondition, double>)[]
                 {
                     ("attractors, model layout", c => c.Memorization),
                     ("attractors, 28 x 28 pixels", c => c.MemorizationUnpadded),
                     ("null (test images)", c => c.NullMemorization),
                 })
        {
            var (mean, sd) = MeanAndSd(seeds, value);
            fig.Add(Plot.Bar(names, mean, label).WithErrors(sd));
        }
        fig.Add(Plot.Line(new double[] { -0.5, names.Length - 0.5 }, new double[] { 0.8, 0.8 }, "paper: k = 2..16 above 0.8"));
        var degenerate = names.Where((_, i) => seeds.Any(r => r.Conditions[i].Degenerate)).ToArray();
        string title = $"memorisation per condition, mean ± sd over {seeds.Count} seed(s)"
            + (degenerate.Length > 0 ? $"; degenerate (does not beat the mean image): {string.Join(", ", degenerate)}" : "");
        return fig.WithBarMode(BarMode.Group).WithTitle(title).WithYAxis("max cosine to training set", range: (0, 1)).WithSize(1000, 450);
    }

    private static (double[] Mean, double[] Sd) MeanAndSd(IReadOnlyList<MemorizationAblationResult> seeds, Func<MemorizationCondition, double> value)
    {
        int n = seeds[0].Conditions.Count;
        double[] mean = new double[n], sd = new double[n];
        for (int i = 0; i < n; i++) (mean[i], sd[i]) = SampleStatistics.MeanAndSd(seeds.Select(r => value(r.Conditions[i])).ToArray());
        return (mean, sd);
    }

    /// <summary>
    /// One panel per (model dataset, coded dataset) pair of the data-free dictionary benchmark: reconstruction MSE against
    /// the number of atoms, with the attractors and with the orthogonal starts as the dictionary.
    /// </summary>
    public static Figure Dictionary(DictionaryBenchmarkResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var rows = result.Rows;
        var pairs = rows.Select(r => (r.ModelDataset, r.TargetDataset)).Distinct().ToList();
        var fig = Figure.Subplots(1, pairs.Count, pairs.Select(p => $"{p.ModelDataset} model, {p.TargetDataset} images").ToList());
        for (int i = 0; i < pairs.Count; i++)
        {
            var sel = rows.Where(r => (r.ModelDataset, r.TargetDataset) == pairs[i]).ToList();
            var atoms = sel.Select(r => (double)r.Sparsity).ToArray();
            fig.Add(Plot.Scatter(atoms, sel.Select(r => r.AttractorMse).ToArray(), "attractors", ScatterMode.LinesMarkers), 1, i + 1);
            fig.Add(Plot.Scatter(atoms, sel.Select(r => r.OrthogonalMse).ToArray(), "orthogonal starts", ScatterMode.LinesMarkers), 1, i + 1);
        }
        return fig.WithTitle("Reconstruction MSE vs number of atoms (OMP)").WithSize(1200, 400);
    }

    /// <summary>The curves of <see cref="AttractorsDuringTraining"/> for a tracked run, titled by its recipe.</summary>
    public static Figure AttractorDynamics(AttractorDynamicsResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var recipe = result.Run.Recipe;
        return AttractorsDuringTraining(result.History, $"Attractors during training ({recipe.Dataset}, {recipe.Kind} autoencoder, k = {recipe.LatentDim})");
    }

    /// <summary>Curves of <paramref name="history"/> against epoch: attractors, memorisation, Chamfer similarity, steps, FPR95, test MSE.</summary>
    public static Figure AttractorsDuringTraining(IReadOnlyList<AttractorEpochStats> history, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(history);
        var fig = Figure.Subplots(2, 3, ["attractors", "memorisation (train-started)", "Chamfer similarity train vs noise",
            "mean convergence steps", "FPR95 noise vs train (steps)", "test MSE"]);
        var epochs = history.Select(h => (double)h.Epoch).ToArray();
        DataArray Col(Func<AttractorEpochStats, double> f) => history.Select(f).ToArray();
        fig.Add(Plot.Scatter(epochs, Col(h => h.Attractors), "from training latents", ScatterMode.LinesMarkers), 1, 1);
        fig.Add(Plot.Scatter(epochs, Col(h => h.NoiseAttractors), "from N(0, I)", ScatterMode.LinesMarkers), 1, 1);
        fig.Add(Plot.Scatter(epochs, Col(h => h.Memorization), "memorisation", ScatterMode.LinesMarkers), 1, 2);
        fig.Add(Plot.Scatter(epochs, Col(h => h.ChamferSimilarity), "Chamfer", ScatterMode.LinesMarkers), 1, 3);
        fig.Add(Plot.Scatter(epochs, Col(h => h.MeanStepsTrain), "steps, training starts", ScatterMode.LinesMarkers), 2, 1);
        fig.Add(Plot.Scatter(epochs, Col(h => h.MeanStepsNoise), "steps, noise starts", ScatterMode.LinesMarkers), 2, 1);
        fig.Add(Plot.Scatter(epochs, Col(h => h.Fpr95), "FPR95", ScatterMode.LinesMarkers), 2, 2);
        fig.Add(Plot.Scatter(epochs, Col(h => h.TestMse), "test MSE", ScatterMode.LinesMarkers), 2, 3);
        for (int r = 1; r <= 2; r++)
            for (int c = 1; c <= 3; c++) fig.WithXAxis("epoch", row: r, col: c);
        return fig.WithTitle(title ?? "Attractors during training").WithSize(1200, 650);
    }

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
