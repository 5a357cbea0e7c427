using LatentWorkbench.Metrics;
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
    /// <summary>A table, one row per named study: classifier vs surrogate (and DMD, when measured) test accuracy, 4 decimals.</summary>
    public static ResultTable AccuracyTable(IEnumerable<(string Name, StudyAccuracy Accuracy)> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var table = new ResultTable("dataset", "MLP accuracy", "KAE surrogate accuracy", "DMD accuracy").WithTitle("Test accuracy").WithDigits(4);
        foreach (var (name, a) in rows)
            table.AddRow(name, a.Classifier, a.Surrogate, a.Dmd);
        return table;
    }

    /// <summary>Two panels of <see cref="BettiAcrossLayers"/>: beta_0 against the classifier's layer and against the surrogate's iteration index (log scale).</summary>
    public static Figure Betti0(BettiAcrossLayersResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return Betti0(result.Layers, result.Iterations);
    }

    /// <summary>
    /// Two panels: beta_0 per classifier layer, <paramref name="layers"/> [layers], and per surrogate iterate,
    /// <paramref name="iterations"/> [steps + 1], each against its index (log scale).
    /// </summary>
    public static Figure Betti0(int[] layers, int[] iterations)
    {
        var fig = Figure.Subplots(1, 2, ["beta_0 across MLP layers", "beta_0 across KAE iterations"]);
        fig.Add(Plot.Scatter(DataArray.Range(layers.Length), layers, "MLP layers", ScatterMode.LinesMarkers), 1, 1);
        fig.Add(Plot.Scatter(DataArray.Range(iterations.Length), iterations, "KAE iterates", ScatterMode.LinesMarkers), 1, 2);
        fig.WithYAxis("beta_0", log: true, row: 1, col: 1).WithYAxis("beta_0", log: true, row: 1, col: 2);
        fig.WithXAxis("layer", row: 1, col: 1).WithXAxis("iteration i", row: 1, col: 2);
        return fig;
    }

    /// <summary>
    /// One line per named cloud (e.g. every layer, or iterates): beta_0 against the threshold, log scale, with an optional
    /// dotted line at <paramref name="marked"/>. <paramref name="thresholds"/> [t]; <paramref name="curves"/> [clouds][t];
    /// <paramref name="names"/> [clouds].
    /// </summary>
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

    /// <summary>
    /// H0 persistence diagram of one point cloud: a point (0, death) per merge with the diagonal; <paramref name="deaths"/>
    /// [n - 1], ascending (as <see cref="Topology.PersistenceH0.DeathTimes"/> returns them).
    /// </summary>
    public static Figure PersistenceDiagram(double[] deaths, string title)
    {
        var births = new double[deaths.Length];
        double max = deaths.Length == 0 ? 1 : deaths[^1];
        return Figure.Create(Plot.Scatter(births, deaths, "H0"), Plot.Line(new double[] { 0, max }, new double[] { 0, max }, "diagonal"))
            .WithTitle(title).WithXAxis("birth").WithYAxis("death");
    }

    /// <summary>The eigenvalues of each named operator [p, p] as points in the complex plane, with the unit circle.</summary>
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

    /// <summary>
    /// 3-D scatter of the decoded iterates i in <paramref name="steps"/> on the PCA fitted to all shown iterates, one trace
    /// per (iterate, class). <paramref name="iterates"/> [steps + 1] tensors [n, p]; <paramref name="labels"/> [n]; only the
    /// first <paramref name="maxPoints"/> rows are shown.
    /// </summary>
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

    /// <summary>
    /// Yin-Yang decision regions of the surrogate: a heatmap of predicted classes on a <paramref name="resolution"/>-square
    /// grid over [0, 1]^2 (blank outside the Yin-Yang disc), with <paramref name="operatorA"/> [o, o] in place of the
    /// study's operator (null: the study's own).
    /// </summary>
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
            (mean[c], sd[c]) = SampleStatistics.MeanAndSd(perSeed.Select(r => r.Conditions[c].FallFactor).ToArray());
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

    /// <summary>Grouped bars: per-class accuracy before and after unlearning, one group per name of <paramref name="classNames"/> [classes].</summary>
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
            .WithDigits(3)
            .WithTitle(edit.ValidationBefore is { } b
                ? $"Lambda chosen on {edit.Split!.Validation.Length} held-out training rows (per-class before: {string.Join(" / ", b.Select(v => v.ToString("F3")))})"
                : "Lambda fixed; nothing was selected");
        foreach (var c in edit.Candidates)
            table.AddRow(c.Lambda, c.Lambda == edit.Lambda ? "yes" : "", c.ForgetAccuracy, c.WorstRetainedLoss,
                string.Join(" / ", c.ValidationAfter.Select(v => v.ToString("F3"))));
        return table;
    }
    /// <summary>
    /// <see cref="UnlearningLambdaSensitivity"/> over seeds of one study: forget-class accuracy and the worst retained loss
    /// against the fixed lambda (mean ± sd over <paramref name="seeds"/>, log scale, the paper's lambda and the thresholds
    /// 0.2 / 0.03 dashed), and the lambda each condition's validation chose (mean ± sd).
    /// </summary>
    public static Figure LambdaSensitivity(IReadOnlyList<UnlearningLambdaSensitivityResult> seeds, string title)
    {
        ArgumentNullException.ThrowIfNull(seeds);
        if (seeds.Count == 0) throw new ArgumentException("need at least one seed's result", nameof(seeds));
        var lambdas = seeds[0].Sweep.Select(p => p.Lambda).ToArray();
        foreach (var r in seeds)
            if (!r.Sweep.Select(p => p.Lambda).SequenceEqual(lambdas)) throw new ArgumentException("every seed needs the same lambda sweep", nameof(seeds));
        var (forget, forgetSd) = MeanSd(seeds, r => r.Sweep.Select(p => p.ForgetAccuracy).ToArray());
        var (loss, lossSd) = MeanSd(seeds, r => r.Sweep.Select(p => p.WorstRetainedLoss).ToArray());
        var (chosen, chosenSd) = MeanSd(seeds, r => [r.Control.Lambda, r.PaperScale.Lambda, r.FewerRetained.Lambda]);
        var fig = Figure.Subplots(1, 3, ["forget-class accuracy (test)", "worst retained loss (test)", "lambda chosen on validation"]);
        fig.Add(Plot.Scatter(lambdas, forget, "forget class", ScatterMode.LinesMarkers).WithErrorY(forgetSd), 1, 1);
        fig.Add(Plot.Line(new[] { lambdas[0], lambdas[^1] }, new[] { 0.2, 0.2 }, "forgotten: <= 0.2").WithLine(dash: LineDash.Dash), 1, 1);
        fig.Add(Plot.Scatter(lambdas, loss, "worst retained loss", ScatterMode.LinesMarkers).WithErrorY(lossSd), 1, 2);
        fig.Add(Plot.Line(new[] { lambdas[0], lambdas[^1] }, new[] { 0.03, 0.03 }, "kept: <= 0.03").WithLine(dash: LineDash.Dash), 1, 2);
        double lossTop = 0.03;
        for (int j = 0; j < loss.Length; j++) lossTop = Math.Max(lossTop, loss[j] + lossSd[j]);
        double paper = seeds[0].PaperLambda;
        fig.Add(Plot.Line(new[] { paper, paper }, new[] { 0.0, 1.0 }, $"paper's lambda {paper:G3}").WithLine(dash: LineDash.Dot), 1, 1);
        fig.Add(Plot.Line(new[] { paper, paper }, new[] { 0.0, lossTop }).WithLine(dash: LineDash.Dot).HideFromLegend(), 1, 2);
        fig.Add(Plot.Bar([seeds[0].Control.Name, seeds[0].PaperScale.Name, seeds[0].FewerRetained.Name], chosen, "chosen lambda").WithErrors(chosenSd), 1, 3);
        fig.WithXAxis("lambda", log: true, row: 1, col: 1).WithYAxis("accuracy", range: (0, 1), row: 1, col: 1);
        fig.WithXAxis("lambda", log: true, row: 1, col: 2).WithYAxis("before - after", row: 1, col: 2);
        // A fixed log range from the sweep's ends: bars of equal height otherwise get a degenerate axis.
        fig.WithYAxis("lambda", log: true, range: (Math.Min(lambdas[0], chosen.Min()), Math.Max(lambdas[^1], chosen.Max())), row: 1, col: 3);
        return fig.WithTitle($"{title}: {seeds.Count} seed(s)");
    }

    // Mean and sample sd (0 for one seed) over seeds of each entry of a per-seed vector.
    private static (double[] Mean, double[] Sd) MeanSd(IReadOnlyList<UnlearningLambdaSensitivityResult> seeds, Func<UnlearningLambdaSensitivityResult, double[]> values)
    {
        var rows = seeds.Select(values).ToArray();
        int k = rows[0].Length;
        var mean = new double[k];
        var sd = new double[k];
        for (int j = 0; j < k; j++) (mean[j], sd[j]) = SampleStatistics.MeanAndSd(rows.Select(row => row[j]).ToArray());
        return (mean, sd);
    }
}
