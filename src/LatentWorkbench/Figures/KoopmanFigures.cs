using LatentWorkbench.Decomposition;
using LatentWorkbench.Engine;
using LatentWorkbench.Koopman;

namespace LatentWorkbench.Figures;

/// <summary>
/// Figures and tables of the Koopman method: accuracies, Betti numbers across layers and iterations, persistence,
/// operator spectra, decoded iterates, the isometry ablation and class unlearning. Each takes a result and draws it.
/// </summary>
public static class KoopmanFigures
{
    /// <summary>Classifier vs surrogate (and DMD, when measured) test accuracy per named study.</summary>
    public static ResultTable AccuracyTable(IEnumerable<(string Name, StudyAccuracy Accuracy)> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var table = new ResultTable("dataset", "MLP accuracy", "KAE surrogate accuracy", "DMD accuracy").WithTitle("Test accuracy").WithDigits(4);
        foreach (var (name, a) in rows)
            table.AddRow(name, a.Classifier, a.Surrogate, a.Dmd);
        return table;
    }

    /// <summary>beta_0 of <see cref="BettiAcrossLayers"/> against layer and iteration index (log scale).</summary>
    public static Figure Betti0(BettiAcrossLayersResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return Betti0(result.Layers, result.Iterations);
    }

    /// <summary>beta_0 against layer / iteration index (log scale).</summary>
    public static Figure Betti0(int[] layers, int[] iterations)
    {
        var fig = Figure.Subplots(1, 2, ["beta_0 across MLP layers", "beta_0 across KAE iterations"]);
        fig.Add(Plot.Scatter(DataArray.Range(layers.Length), layers, "MLP layers", ScatterMode.LinesMarkers), 1, 1);
        fig.Add(Plot.Scatter(DataArray.Range(iterations.Length), iterations, "KAE iterates", ScatterMode.LinesMarkers), 1, 2);
        fig.WithYAxis("beta_0", log: true, row: 1, col: 1).WithYAxis("beta_0", log: true, row: 1, col: 2);
        fig.WithXAxis("layer", row: 1, col: 1).WithXAxis("iteration i", row: 1, col: 2);
        return fig;
    }

    /// <summary>beta_0 against the threshold for named clouds (e.g. every layer, or iterates), log scale, with an optional marked threshold.</summary>
    public static Figure BettiCurves(double[] thresholds, int[][] curves, IReadOnlyList<string> names, string title, double? marked = null)
    {
        if (curves.Length != names.Count) throw new ArgumentException($"{curves.Length} curves but {names.Count} names", nameof(names));
        var fig = Figure.Create();
        for (int i = 0; i < curves.Length; i++) fig.Add(Plot.Line(thresholds, curves[i], names[i]));
        if (marked is { } m)
        {
            int top = curves.Length == 0 ? 1 : curves.Max(c => c.Length == 0 ? 1 : c[0]);
            fig.Add(Plot.Line(new[] { m, m }, new double[] { 1, top }, $"eps = {m:G3}").WithLine(dash: LineDash.Dot));
        }
        return fig.WithTitle(title).WithXAxis("threshold eps").WithYAxis("beta_0", log: true);
    }

    /// <summary>H0 persistence diagram (all births at 0) of one point cloud.</summary>
    public static Figure PersistenceDiagram(double[] deaths, string title)
    {
        var births = new double[deaths.Length];
        double max = deaths.Length == 0 ? 1 : deaths[^1];
        return Figure.Create(Plot.Scatter(births, deaths, "H0"), Plot.Line(new double[] { 0, max }, new double[] { 0, max }, "diagonal"))
            .WithTitle(title).WithXAxis("birth").WithYAxis("death");
    }

    /// <summary>Eigenvalues of operators in the complex plane with the unit circle.</summary>
    public static Figure Spectrum(params (string Name, Tensor Operator)[] operators)
    {
        var fig = Figure.Create();
        var t = Enumerable.Range(0, 201).Select(i => 2 * Math.PI * i / 200).ToArray();
        fig.Add(Plot.Line(t.Select(Math.Cos).ToArray(), t.Select(Math.Sin).ToArray(), "unit circle"));
        foreach (var (name, op) in operators)
        {
            var ev = Dmd.Eigenvalues(op);
            fig.Add(Plot.Scatter(ev.Select(e => e.Re).ToArray(), ev.Select(e => e.Im).ToArray(), name));
        }
        return fig.WithTitle("Operator spectrum").WithXAxis("Re").WithYAxis("Im").WithEqualAspect();
    }

    /// <summary>3-D PCA (fitted on all shown iterates) of the decoded iterates i in <paramref name="steps"/>, coloured by class.</summary>
    public static Figure IteratesPca(Tensor[] iterates, int[] labels, int[] steps, int maxPoints = 400)
    {
        int n = Math.Min(maxPoints, labels.Length);
        var data = Tensor.Concat(steps.Select(s => iterates[s].Narrow(0, 0, n)).ToArray(), 0);
        int d = data.Size(1), dims = Math.Min(3, d);
        var pca = new Pca(new PcaOptions { Components = dims, Sign = PcaSign.AsSolved }).Fit(data);
        var coordinates = pca.TransformDouble(data.Contiguous().ToArray());
        double Coordinate(int row, int c) => c < dims ? coordinates[row * dims + c] : 0;
        var fig = Figure.Create();
        for (int s = 0; s < steps.Length; s++)
            foreach (int cls in labels.Take(n).Distinct().Order())
            {
                var rows = Enumerable.Range(0, n).Where(i => labels[i] == cls).Select(i => s * n + i).ToArray();
                fig.Add(Plot.Scatter3d(rows.Select(i => Coordinate(i, 0)).ToArray(), rows.Select(i => Coordinate(i, 1)).ToArray(),
                    rows.Select(i => Coordinate(i, 2)).ToArray(), $"i={steps[s]} class {cls}"));
            }
        return fig.WithTitle("Decoded Koopman iterates (3-D PCA)").WithScene("PC1", "PC2", "PC3");
    }

    /// <summary>Yin-Yang decision regions of the surrogate (optionally with an edited operator) on a grid over [0, 1]^2.</summary>
    public static Figure DecisionRegions(KoopmanStudy study, Tensor? operatorA, string title, int resolution = 80)
    {
        var grid = new float[resolution * resolution * 4];
        var axis = Enumerable.Range(0, resolution).Select(i => (i + 0.5) / resolution).ToArray();
        for (int r = 0; r < resolution; r++)
            for (int c = 0; c < resolution; c++)
            {
                int o = 4 * (r * resolution + c);
                grid[o] = (float)axis[c]; grid[o + 1] = (float)axis[r]; grid[o + 2] = 1 - grid[o]; grid[o + 3] = 1 - grid[o + 1];
            }
        var predictions = study.PredictFromFirstLayer(study.FirstLayer(Tensor.FromArray(grid, resolution * resolution, 4)), operatorA);
        var z = new float[predictions.Length];
        for (int i = 0; i < z.Length; i++)
        {
            double x = grid[4 * i] - 0.5, y = grid[4 * i + 1] - 0.5;
            z[i] = x * x + y * y > 0.25 ? float.NaN : predictions[i];
        }
        return Figure.Create(Plot.Heatmap(Matrix.FromRowMajor(z, resolution, resolution), axis, axis))
            .WithTitle(title).WithEqualAspect();
    }

    /// <summary>
    /// Three panels of <see cref="IsometryAblation"/>: beta_0 against the threshold for the first and last iterate of
    /// each weight, beta_1 likewise, and beta_0 at the reference threshold across iterations (log scale).
    /// </summary>
    public static Figure Ablation(IsometryAblationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var fig = Figure.Subplots(1, 3, ["H0 Betti curves (i = 0 dashed, i = k solid)", "H1 Betti curves (i = 0 dashed, i = k solid)",
            $"beta_0 at eps = {result.ReferenceThreshold:G3} across iterations"]);
        for (int w = 0; w < result.Weights.Count; w++)
        {
            string name = $"l4 = {result.Weights[w]:G3}";
            fig.Add(Plot.Line(result.Thresholds, result.Betti0[w][0], $"{name}, i = 0").WithLine(dash: LineDash.Dash), 1, 1);
            fig.Add(Plot.Line(result.Thresholds, result.Betti0[w][^1], $"{name}, i = k"), 1, 1);
            fig.Add(Plot.Line(result.Thresholds, result.Betti1First[w], $"{name}, i = 0").WithLine(dash: LineDash.Dash), 1, 2);
            fig.Add(Plot.Line(result.Thresholds, result.Betti1Last[w], $"{name}, i = k"), 1, 2);
            fig.Add(Plot.Scatter(DataArray.Range(result.Betti0AtReference[w].Length), result.Betti0AtReference[w], name, ScatterMode.LinesMarkers), 1, 3);
        }
        fig.WithXAxis("threshold eps", row: 1, col: 1).WithYAxis("beta_0", log: true, row: 1, col: 1);
        fig.WithXAxis("threshold eps", row: 1, col: 2).WithYAxis("beta_1", row: 1, col: 2);
        fig.WithXAxis("iteration i", row: 1, col: 3).WithYAxis("beta_0", log: true, row: 1, col: 3);
        return fig.WithTitle("Isometry-weight ablation: topology of the decoded Koopman iterates");
    }

    /// <summary>The paper's beta_0 of the decoded MNIST iterates i = 0..10 (10,000 test points, eps = 0.14).</summary>
    private static readonly int[] PaperIterateBetti0 = [8633, 7655, 5153, 2305, 692, 206, 49, 19, 11, 9, 9];

    /// <summary>
    /// <see cref="Koopman.IterateFall"/> over seeds (one result per seed, same conditions): left, the fall factor
    /// beta_0(i = 0) / beta_0(last iterate) per condition (mean, sd error bars, log scale) beside the paper's; right,
    /// beta_0(i) / beta_0(0) along the iterations of the first seed's run and the paper's (log scale).
    /// </summary>
    public static Figure IterateFallBars(IReadOnlyList<IterateFallResult> perSeed)
    {
        ArgumentNullException.ThrowIfNull(perSeed);
        if (perSeed.Count == 0) throw new ArgumentException("at least one seed's result is needed", nameof(perSeed));
        var conditions = perSeed[0].Conditions;
        foreach (var r in perSeed)
            if (r.Conditions.Count != conditions.Count) throw new ArgumentException("every seed's result needs the same conditions", nameof(perSeed));
        var names = new string[conditions.Count + 1];
        var mean = new double[names.Length];
        var sd = new double[names.Length];
        for (int c = 0; c < conditions.Count; c++)
        {
            names[c] = conditions[c].Factor == "control" ? $"control ({conditions[c].Setting})" : conditions[c].Setting;
            var falls = perSeed.Select(r => r.Conditions[c].FallFactor).ToArray();
            mean[c] = falls.Average();
            sd[c] = falls.Length < 2 ? 0 : Math.Sqrt(falls.Sum(f => (f - mean[c]) * (f - mean[c])) / (falls.Length - 1));
        }
        names[^1] = "paper (10,000 points)";
        mean[^1] = (double)PaperIterateBetti0[0] / PaperIterateBetti0[^1];

        var fig = Figure.Subplots(1, 2, [$"fall factor beta_0(0) / beta_0(last), mean ± sd over {perSeed.Count} seed(s)", "beta_0(i) / beta_0(0) along iterations"]);
        fig.Add(Plot.Bar(names, mean, "fall factor").WithErrors(sd), 1, 1);
        foreach (var c in conditions)
        {
            var relative = c.Betti0.Select(b => (double)b / Math.Max(c.Betti0[0], 1)).ToArray();
            fig.Add(Plot.Scatter(DataArray.Range(relative.Length), relative, $"{c.Factor}: {c.Setting}", ScatterMode.LinesMarkers), 1, 2);
        }
        var paper = PaperIterateBetti0.Select(b => (double)b / PaperIterateBetti0[0]).ToArray();
        fig.Add(Plot.Scatter(DataArray.Range(paper.Length), paper, "paper", ScatterMode.LinesMarkers), 1, 2);
        fig.WithYAxis("fall factor", log: true, row: 1, col: 1);
        fig.WithXAxis("iteration i", row: 1, col: 2).WithYAxis("beta_0(i) / beta_0(0)", log: true, row: 1, col: 2);
        return fig.WithTitle("Why beta_0 falls less along our Koopman iterations: one change at a time");
    }

    /// <summary>Per-class accuracy before and after unlearning.</summary>
    public static Figure PerClassBars(UnlearningResult result, IReadOnlyList<string> classNames) =>
        Figure.Create(Plot.Bar(classNames, result.Before, "before"), Plot.Bar(classNames, result.After, "after"))
            .WithBarMode(BarMode.Group).WithTitle($"Per-class surrogate accuracy, forgetting class {classNames[result.ForgetClass]}")
            .WithYAxis("accuracy", range: (0, 1));

    /// <summary>
    /// The lambda grid as scored on the validation rows (training data): forget-class accuracy, the worst retained loss
    /// and per-class accuracy after each candidate's edit, the chosen one marked.
    /// </summary>
    public static ResultTable LambdaSelectionTable(UnlearningEdit edit, IReadOnlyList<string> classNames)
    {
        ArgumentNullException.ThrowIfNull(edit);
        ArgumentNullException.ThrowIfNull(classNames);
        var table = new ResultTable("lambda", "chosen", "forget class (val)", "worst retained loss (val)", $"after (val): {string.Join(" / ", classNames)}")
            .WithTitle(edit.ValidationBefore is { } b
                ? $"Lambda chosen on {edit.Split!.Validation.Length} held-out training rows (per-class before: {string.Join(" / ", b.Select(v => v.ToString("F3")))})"
                : "Lambda fixed; nothing was selected");
        foreach (var c in edit.Candidates)
            table.AddRow(c.Lambda, c.Lambda == edit.Lambda ? "yes" : "", Math.Round(c.ForgetAccuracy, 3), Math.Round(c.WorstRetainedLoss, 3),
                string.Join(" / ", c.ValidationAfter.Select(v => v.ToString("F3"))));
        return table;
    }
}
