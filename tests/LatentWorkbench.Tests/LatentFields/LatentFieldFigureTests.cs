using System.Text.Json.Nodes;
using LatentWorkbench.Experiments;
using LatentWorkbench.Figures;
using LatentWorkbench.LatentFields;
using LatentWorkbench.Metrics;
using LatentWorkbench.Progress;

namespace LatentWorkbench.Tests.LatentFields;

/// <summary>The latent-field and OOD figures parse as plotly JSON and carry the numbers they were built from.</summary>
public class LatentFieldFigureTests
{
    static LatentFieldFigureTests() => ProgressBar.Enabled = false;

    private static JsonObject Parse(Figure f) => JsonNode.Parse(f.ToJson())!.AsObject();

    private static double?[] Numbers(JsonNode? n) => n!.AsArray().Select(v => v is null ? (double?)null : v.GetValue<double>()).ToArray();

    private static string AxisTitle(JsonObject fig, string axis) => fig["layout"]![axis]!["title"]!["text"]!.GetValue<string>();

    [Fact]
    public void FieldFigureHasArrowsPathsAndAttractorsOfTheMap()
    {
        // f(z) = z / 2 + (0.5, -0.5): fixed point (1, -1), which lies on the 5 x 5 arrow grid over [-2, 2]^2,
        // where V = 0 and the arrow is skipped: 24 arrows of 7 segment points each (tail, tip, gap, barb, tip, barb, gap).
        var map = new LatentMap(LinearAutoencoder.Scaled(0.5, [0.5, -0.5]));
        var starts = LatentStarts.Grid((-2, 2), (-2, 2), 3, 3);
        var result = AttractorFinder.Find(map, starts, new AttractorOptions { Trajectory = new TrajectoryOptions { RecordIndices = [0, 8] } });
        var fig = Parse(LatentFieldFigures.Field(map, result, (-2, 2), (-2, 2), arrowsPerAxis: 5));

        var data = fig["data"]!.AsArray();
        Assert.Equal(4, data.Count); // arrows, two trajectories, attractors
        Assert.All(data, t => Assert.Equal("scatter", t!["type"]!.GetValue<string>()));
        var arrows = data[0]!;
        Assert.Equal(24 * 7, arrows["x"]!.AsArray().Count);
        Assert.Equal(24 * 7, arrows["y"]!.AsArray().Count);
        // The arrow from the grid corner (-2, -2) points along V = (0.5 + 1, -0.5 + 1) = (1.5, 0.5).
        var ax = Numbers(arrows["x"]);
        var ay = Numbers(arrows["y"]);
        Assert.Equal(-2, ax[0]!.Value, 1e-9);
        Assert.Equal(-2, ay[0]!.Value, 1e-9);
        Assert.Equal(1.5 / 0.5, (ax[1]!.Value - ax[0]!.Value) / (ay[1]!.Value - ay[0]!.Value), 1e-4);
        Assert.Null(ax[2]);

        foreach (var (trace, start) in new[] { (data[1]!, 0), (data[2]!, 8) })
        {
            Assert.Equal($"trajectory {start}", trace["name"]!.GetValue<string>());
            Assert.Equal("lines", trace["mode"]!.GetValue<string>());
            var xs = Numbers(trace["x"]);
            var ys = Numbers(trace["y"]);
            // One point per evaluation plus the start; it begins at the start and ends at the end point.
            Assert.Equal(result.Trajectories.Steps[start] + 1, xs.Length);
            Assert.Equal(starts[2 * start], xs[0]!.Value, 1e-6);
            Assert.Equal(starts[2 * start + 1], ys[0]!.Value, 1e-6);
            Assert.Equal(1.0, xs[^1]!.Value, 1e-2);
            Assert.Equal(-1.0, ys[^1]!.Value, 1e-2);
        }
        var att = data[3]!;
        Assert.Equal("attractors (1)", att["name"]!.GetValue<string>());
        Assert.Equal(1.0, Numbers(att["x"]).Single()!.Value, 1e-2);
        Assert.Equal(-1.0, Numbers(att["y"]).Single()!.Value, 1e-2);
        Assert.Equal("red", att["marker"]!["color"]!.GetValue<string>());
        Assert.Equal("z1", AxisTitle(fig, "xaxis"));
        Assert.Equal("z2", AxisTitle(fig, "yaxis"));
        Assert.Equal("x", fig["layout"]!["yaxis"]!["scaleanchor"]!.GetValue<string>());
    }

    [Fact]
    public void FieldFigureProjectsOnPrincipalComponentsAboveTwoDimensions()
    {
        var map = new LatentMap(LinearAutoencoder.Scaled(0.5, [1.0, 0.0, -1.0]));
        var starts = LatentStarts.Gaussian(6, 3, seed: 2);
        var result = AttractorFinder.Find(map, starts, new AttractorOptions { Trajectory = new TrajectoryOptions { RecordIndices = [1] } });
        var fig = Parse(LatentFieldFigures.Field(map, result, (-1, 1), (-1, 1)));
        var data = fig["data"]!.AsArray();
        Assert.Equal(2, data.Count); // no arrows for k > 2
        Assert.Equal(result.Trajectories.Steps[1] + 1, data[0]!["x"]!.AsArray().Count);
        Assert.Single(data[1]!["x"]!.AsArray());
        Assert.Equal("PC1", AxisTitle(fig, "xaxis"));
        Assert.Equal("PC2", AxisTitle(fig, "yaxis"));
        Assert.Throws<ArgumentException>(() => LatentFieldFigures.Field(new LatentMap(LinearAutoencoder.Scaled(0.5, [0.0, 0.0])), result, (-1, 1), (-1, 1)));
    }

    [Fact]
    public void BasinsMapIsAHeatmapOfAttractorIndicesOverTheGrid()
    {
        // f(z) = (2 tanh(z1), z2 / 2): two attractors (+-1.915, 0), the basin is the sign of z1.
        var model = new LinearAutoencoder(new double[,] { { 2, 0 }, { 0, 0.5 } }, [0.0, 0.0], tanhDecoder: true);
        var map = new LatentMap(model);
        float[] extra = [5f, 5f];
        var grid = LatentStarts.Grid((-3, 3), (-2, 2), 4, 3);
        var starts = extra.Concat(grid).ToArray();
        var result = AttractorFinder.Find(map, starts);
        Assert.Equal(2, result.Count);
        var fig = Parse(LatentFieldFigures.Basins(result, firstStart: 1, nx: 4, ny: 3, (-3, 3), (-2, 2)));
        var data = fig["data"]!.AsArray();
        Assert.Equal(2, data.Count);
        var heat = data[0]!;
        Assert.Equal("heatmap", heat["type"]!.GetValue<string>());
        var rows = heat["z"]!.AsArray();
        Assert.Equal(3, rows.Count);
        for (int j = 0; j < 3; j++)
        {
            var row = Numbers(rows[j]);
            Assert.Equal(4, row.Length);
            for (int i = 0; i < 4; i++)
            {
                Assert.Equal(result.Basins[1 + j * 4 + i], row[i]);
                // Left half (z1 < 0) and right half fall into different attractors.
                double z1 = grid[2 * (j * 4 + i)];
                Assert.Equal(z1 < 0 ? result.Basins[1 + j * 4] : result.Basins[1 + j * 4 + 3], row[i]);
            }
        }
        Assert.NotEqual(Numbers(rows[0])[0], Numbers(rows[0])[3]);
        Assert.Equal([-3, -1, 1, 3], Numbers(heat["x"]).Select(v => v!.Value));
        Assert.Equal([-2, 0, 2], Numbers(heat["y"]).Select(v => v!.Value));
        Assert.Equal("attractor", heat["colorbar"]!["title"]!["text"]!.GetValue<string>());
        Assert.Equal(2, data[1]!["x"]!.AsArray().Count);
        Assert.Equal("z1", AxisTitle(fig, "xaxis"));
        Assert.Throws<ArgumentOutOfRangeException>(() => LatentFieldFigures.Basins(result, 2, 4, 3, (-3, 3), (-2, 2)));
    }

    [Fact]
    public void AttractorScatterColoursEveryStartByItsBasin()
    {
        var model = new LinearAutoencoder(new double[,] { { 2 } }, [0.0], tanhDecoder: true);
        var result = AttractorFinder.Find(new LatentMap(model), [-3f, -0.5f, 0.2f, 4f, 1f]);
        var fig = Parse(LatentFieldFigures.Attractors(result));
        var data = fig["data"]!.AsArray();
        Assert.Equal(2, data.Count);
        Assert.Equal(result.Basins.Select(b => (double?)b), Numbers(data[0]!["marker"]!["color"]));
        Assert.Equal(5, data[0]!["x"]!.AsArray().Count);
        Assert.Equal(2, data[1]!["x"]!.AsArray().Count);
        Assert.Equal("PC1", AxisTitle(fig, "xaxis"));
    }

    [Fact]
    public void RocFigureCarriesEachMethodsCurveAndTheChanceLine()
    {
        double[] inA = [0.1, 0.4, 0.35, 0.8], outA = [0.9, 0.5, 0.7];
        double[] inB = [1, 2, 3], outB = [1.5, 2.5, 2.5, 0.5];
        var fig = Parse(DetectionFigures.Roc([("a", inA, outA), ("b", inB, outB)]));
        var data = fig["data"]!.AsArray();
        Assert.Equal(3, data.Count);
        foreach (var (trace, sIn, sOut, name) in new[] { (data[0]!, inA, outA, "a"), (data[1]!, inB, outB, "b") })
        {
            var (fpr, tpr, _) = DetectionMetrics.RocCurve(sIn, sOut);
            Assert.Equal("scatter", trace["type"]!.GetValue<string>());
            Assert.Equal(fpr.Select(v => (double?)v), Numbers(trace["x"]));
            Assert.Equal(tpr.Select(v => (double?)v), Numbers(trace["y"]));
            Assert.StartsWith($"{name} (AUROC ", trace["name"]!.GetValue<string>());
            // Every ROC curve runs from (0, 0) to (1, 1).
            Assert.Equal((0.0, 0.0), (Numbers(trace["x"])[0]!.Value, Numbers(trace["y"])[0]!.Value));
            Assert.Equal((1.0, 1.0), (Numbers(trace["x"])[^1]!.Value, Numbers(trace["y"])[^1]!.Value));
        }
        // a: in {0.1, 0.35, 0.4, 0.8} vs out {0.5, 0.7, 0.9}: 10 of 12 pairs ordered, AUROC 0.833.
        Assert.Equal("a (AUROC 0.833)", data[0]!["name"]!.GetValue<string>());
        Assert.Equal("chance", data[2]!["name"]!.GetValue<string>());
        Assert.Equal("false-positive rate", AxisTitle(fig, "xaxis"));
        Assert.Equal("true-positive rate", AxisTitle(fig, "yaxis"));
        Assert.Equal([0.0, 1.0], Numbers(fig["layout"]!["xaxis"]!["range"]).Select(v => v!.Value));
    }

    [Fact]
    public void HistogramFigureOverlaysInAndOutScores()
    {
        double[] sIn = [1, 2, 2, 3], sOut = [5, 6];
        var fig = Parse(DetectionFigures.Histogram(sIn, sOut, "mnist", "fashion", "trajectory", bins: 10));
        var data = fig["data"]!.AsArray();
        Assert.Equal(2, data.Count);
        Assert.All(data, t => Assert.Equal("histogram", t!["type"]!.GetValue<string>()));
        Assert.Equal(sIn.Select(v => (double?)v), Numbers(data[0]!["x"]));
        Assert.Equal(sOut.Select(v => (double?)v), Numbers(data[1]!["x"]));
        Assert.Equal(["mnist", "fashion"], data.Select(t => t!["name"]!.GetValue<string>()));
        Assert.Equal("overlay", fig["layout"]!["barmode"]!.GetValue<string>());
        Assert.Equal("trajectory", AxisTitle(fig, "xaxis"));
        Assert.Equal("count", AxisTitle(fig, "yaxis"));
    }

    [Fact]
    public void TrainingDynamicsFigurePutsEachCurveInItsOwnPanel()
    {
        var history = new List<AttractorEpochStats>
        {
            new(0, 1, 1, 0.9, 1.0, 3, 4, 1.0, double.NaN),
            new(1, 4, 2, 0.8, 0.7, 10, 30, 0.4, 0.05),
            new(2, 6, 5, 0.7, 0.8, 12, 40, 0.2, 0.04),
        };
        var fig = Parse(LatentFieldFigures.AttractorsDuringTraining(history));
        var data = fig["data"]!.AsArray();
        Assert.Equal(8, data.Count);
        string[] expectedAxes = ["x", "x", "x2", "x3", "x4", "x4", "x5", "x6"];
        Assert.Equal(expectedAxes, data.Select(t => t!["xaxis"]!.GetValue<string>()));
        Assert.All(data, t => Assert.Equal([0.0, 1, 2], Numbers(t!["x"]).Select(v => v!.Value)));
        Assert.Equal([1.0, 4, 6], Numbers(data[0]!["y"]).Select(v => v!.Value));
        Assert.Equal([4.0, 30, 40], Numbers(data[5]!["y"]).Select(v => v!.Value));
        Assert.Null(Numbers(data[7]!["y"])[0]); // test MSE is unknown before training: a gap, not a number
        for (int a = 1; a <= 6; a++) Assert.Equal("epoch", AxisTitle(fig, a == 1 ? "xaxis" : $"xaxis{a}"));
    }

    [Fact]
    public void SweepResultWritesTheReproduceRowFormatAndThreePanels()
    {
        var result = new MemorizationSweepResult([
            new MemorizationRow("mnist", 2, 3, 1.0, 12.5, 0.93, 0.01, 0.86, 2, 0.04),
            new MemorizationRow("mnist", 128, 40, 0.98, 30, 0.87, 0.02, 0.86, 20, 0.01),
        ]);
        var json = LatentFieldMemorizationExperiment.ToJson(result);
        var row = json["rows"]!.AsArray()[1]!.AsObject();
        Assert.Equal(["dataset", "k", "attractors", "memorization_mean", "memorization_std", "null_memorization", "test_mse", "mean_image_mse", "degenerate"], row.Select(p => p.Key));
        // Without a measured baseline nothing is flagged; a model worse than the mean image is.
        Assert.Null(row["mean_image_mse"]);
        Assert.False(row["degenerate"]!.GetValue<bool>());
        var collapsed = LatentFieldMemorizationExperiment.ToJson(new MemorizationSweepResult([
            new MemorizationRow("mnist", 512, 1, 1.0, 3, 0.5, 0, 0.86, 1, 0.09, MeanImageMse: 0.05)]))["rows"]!.AsArray()[0]!.AsObject();
        Assert.Equal(0.05, collapsed["mean_image_mse"]!.GetValue<double>());
        Assert.True(collapsed["degenerate"]!.GetValue<bool>());
        Assert.Equal(128, row["k"]!.GetValue<int>());
        Assert.Equal(40, row["attractors"]!.GetValue<int>());
        Assert.Equal(0.87, row["memorization_mean"]!.GetValue<double>());
        var fig = Parse(LatentFieldFigures.Memorization(result));
        var data = fig["data"]!.AsArray();
        Assert.Equal(4, data.Count);
        Assert.Equal([2.0, 128], Numbers(data[0]!["x"]).Select(v => v!.Value));
        Assert.Equal([0.93, 0.87], Numbers(data[0]!["y"]).Select(v => v!.Value));
        Assert.Equal([3.0, 40], Numbers(data[3]!["y"]).Select(v => v!.Value));
        Assert.Equal("log", fig["layout"]!["xaxis"]!["type"]!.GetValue<string>());
        Assert.Equal("k", AxisTitle(fig, "xaxis3"));
    }
}
