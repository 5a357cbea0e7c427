using System.Text.Json.Nodes;
using LatentWorkbench.Figures;

namespace LatentWorkbench.Tests.Figures;

public class FigureJsonTests
{
    private static JsonObject Parse(Figure f) => JsonNode.Parse(f.ToJson())!.AsObject();

    private static JsonObject OnlyTrace(Figure f)
    {
        var data = Parse(f)["data"]!.AsArray();
        Assert.Single(data);
        return data[0]!.AsObject();
    }

    private static double[] Numbers(JsonNode? n) => n!.AsArray().Select(v => v!.GetValue<double>()).ToArray();

    [Fact]
    public void Scatter_writes_mode_data_marker_colours_colorbar_sizes_text_and_line()
    {
        var trace = Plot.Scatter(new[] { 1.0, 2, 3 }, new[] { 4.0, 5, 6 }, "points", ScatterMode.LinesMarkers)
            .WithMarkerColors(new[] { 0.1, 0.5, 0.9 }, ColorScale.Viridis, new ColorBar("loss"))
            .WithMarkerSizes(new[] { 4.0, 8, 12 })
            .WithText(["a", "b", "c"], hoverOnly: true)
            .WithLine("red", 2.5, LineDash.Dash)
            .InLegendGroup("g1", showLegend: false);
        var t = OnlyTrace(Figure.Create(trace));

        Assert.Equal("scatter", t["type"]!.GetValue<string>());
        Assert.Equal("points", t["name"]!.GetValue<string>());
        Assert.Equal("g1", t["legendgroup"]!.GetValue<string>());
        Assert.False(t["showlegend"]!.GetValue<bool>());
        Assert.Equal("lines+markers", t["mode"]!.GetValue<string>());
        Assert.Equal([1.0, 2, 3], Numbers(t["x"]));
        Assert.Equal([4.0, 5, 6], Numbers(t["y"]));
        var m = t["marker"]!.AsObject();
        Assert.Equal([0.1, 0.5, 0.9], Numbers(m["color"]));
        Assert.Equal("Viridis", m["colorscale"]!.GetValue<string>());
        Assert.True(m["showscale"]!.GetValue<bool>());
        Assert.Equal("loss", m["colorbar"]!["title"]!["text"]!.GetValue<string>());
        Assert.Equal([4.0, 8, 12], Numbers(m["size"]));
        Assert.Equal(["a", "b", "c"], t["hovertext"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.Null(t["text"]);
        Assert.Equal("red", t["line"]!["color"]!.GetValue<string>());
        Assert.Equal(2.5, t["line"]!["width"]!.GetValue<double>());
        Assert.Equal("dash", t["line"]!["dash"]!.GetValue<string>());
        // A single-plot figure leaves axis assignment to plotly's defaults.
        Assert.Null(t["xaxis"]);
    }

    [Theory]
    [InlineData(ScatterMode.Markers, "markers")]
    [InlineData(ScatterMode.Lines, "lines")]
    [InlineData(ScatterMode.Text, "text")]
    [InlineData(ScatterMode.MarkersText, "markers+text")]
    public void Scatter_modes_map_to_plotly_names(ScatterMode mode, string expected)
    {
        var t = OnlyTrace(Figure.Create(Plot.Scatter(new[] { 1.0 }, new[] { 2.0 }, mode: mode)));
        Assert.Equal(expected, t["mode"]!.GetValue<string>());
    }

    [Fact]
    public void Mismatched_lengths_name_the_offending_argument()
    {
        var e = Assert.Throws<ArgumentException>(() => Plot.Scatter(new[] { 1.0, 2 }, new[] { 1.0 }));
        Assert.Contains("'y' has 1 values", e.Message);
        Assert.Contains("'x' has 2", e.Message);
    }

    [Fact]
    public void Heatmap_writes_rows_of_z_with_coordinates_scale_and_range()
    {
        var z = new double[,] { { 1, 2, 3 }, { 4, 5, 6 } };
        var trace = Plot.Heatmap(z, new[] { 10.0, 20, 30 }, new[] { -1.0, 1 }).WithColorScale(ColorScale.RdBu, -6, 6).WithColorBar("value");
        var t = OnlyTrace(Figure.Create(trace));
        Assert.Equal("heatmap", t["type"]!.GetValue<string>());
        var rows = t["z"]!.AsArray();
        Assert.Equal(2, rows.Count);
        Assert.Equal([1.0, 2, 3], Numbers(rows[0]));
        Assert.Equal([4.0, 5, 6], Numbers(rows[1]));
        Assert.Equal([10.0, 20, 30], Numbers(t["x"]));
        Assert.Equal([-1.0, 1], Numbers(t["y"]));
        Assert.Equal("RdBu", t["colorscale"]!.GetValue<string>());
        Assert.Equal(-6, t["zmin"]!.GetValue<double>());
        Assert.Equal(6, t["zmax"]!.GetValue<double>());
        Assert.Equal("value", t["colorbar"]!["title"]!["text"]!.GetValue<string>());
    }

    [Fact]
    public void Heatmap_rejects_coordinates_that_fit_neither_centres_nor_edges()
    {
        var e = Assert.Throws<ArgumentException>(() => Plot.Heatmap(new double[,] { { 1, 2 } }, x: new[] { 1.0, 2, 3, 4 }));
        Assert.Contains("'x' has 4 values", e.Message);
    }

    [Fact]
    public void Contour_writes_custom_colour_stops_and_contour_options()
    {
        var scale = ColorScale.Custom((0, "white"), (0.5, "gray"), (1, "black"));
        var trace = Plot.Contour(Matrix.FromRowMajor(new float[] { 1, 2, 3, 4 }, 2, 2), colorScale: scale);
        trace.LinesOnly = true;
        trace.ShowLabels = true;
        trace.LevelCount = 12;
        var t = OnlyTrace(Figure.Create(trace));
        Assert.Equal("contour", t["type"]!.GetValue<string>());
        var stops = t["colorscale"]!.AsArray();
        Assert.Equal(3, stops.Count);
        Assert.Equal(0.5, stops[1]![0]!.GetValue<double>());
        Assert.Equal("gray", stops[1]![1]!.GetValue<string>());
        Assert.Equal("lines", t["contours"]!["coloring"]!.GetValue<string>());
        Assert.True(t["contours"]!["showlabels"]!.GetValue<bool>());
        Assert.Equal(12, t["ncontours"]!.GetValue<int>());
        Assert.Equal([3.0, 4], Numbers(t["z"]![1]));
    }

    [Fact]
    public void Custom_colour_scale_must_span_zero_to_one()
    {
        Assert.Throws<ArgumentException>(() => ColorScale.Custom((0.1, "white"), (1, "black")));
        Assert.Throws<ArgumentException>(() => ColorScale.Custom((0, "white"), (0.7, "gray"), (0.5, "gray"), (1, "black")));
    }

    [Fact]
    public void Histogram_and_bar_write_bins_norm_orientation_and_errors()
    {
        var h = Plot.Histogram(new[] { 1.0, 2, 2, 3 }, "h").WithBins(bins: (0, 4, 0.5)).WithNorm(HistogramNorm.ProbabilityDensity).WithColor("teal");
        var b = Plot.Bar(["a", "b"], new[] { 3.0, 4 }, "b").WithErrors(new[] { 0.1, 0.2 }).AsHorizontal();
        var data = Parse(Figure.Create(h, b).WithBarMode(BarMode.Overlay));
        var ht = data["data"]![0]!;
        Assert.Equal("histogram", ht["type"]!.GetValue<string>());
        Assert.Equal([1.0, 2, 2, 3], Numbers(ht["x"]));
        Assert.Equal(0.5, ht["xbins"]!["size"]!.GetValue<double>());
        Assert.Equal("probability density", ht["histnorm"]!.GetValue<string>());
        Assert.Equal("teal", ht["marker"]!["color"]!.GetValue<string>());
        var bt = data["data"]![1]!;
        Assert.Equal("bar", bt["type"]!.GetValue<string>());
        Assert.Equal("h", bt["orientation"]!.GetValue<string>());
        Assert.Equal(["a", "b"], bt["y"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.Equal([3.0, 4], Numbers(bt["x"]));
        Assert.Equal([0.1, 0.2], Numbers(bt["error_x"]!["array"]));
        Assert.Equal("overlay", data["layout"]!["barmode"]!.GetValue<string>());
    }

    [Fact]
    public void Scatter3d_and_cone_write_xyz_and_uvw()
    {
        var s = Plot.Scatter3d(new[] { 1.0 }, new[] { 2.0 }, new[] { 3.0 }, "s").WithMarker(size: 3);
        var c = Plot.Cone(new[] { 0.0 }, new[] { 0.0 }, new[] { 0.0 }, new[] { 1.0 }, new[] { 0.0 }, new[] { -1.0 }).WithStyle(ColorScale.Cividis, 0.5, "tail");
        var json = Parse(Figure.Create(s, c).WithScene("a", "b", "c", "cube"));
        var st = json["data"]![0]!;
        Assert.Equal("scatter3d", st["type"]!.GetValue<string>());
        Assert.Equal([3.0], Numbers(st["z"]));
        Assert.Equal(3, st["marker"]!["size"]!.GetValue<double>());
        var ct = json["data"]![1]!;
        Assert.Equal("cone", ct["type"]!.GetValue<string>());
        Assert.Equal([-1.0], Numbers(ct["w"]));
        Assert.Equal(0.5, ct["sizeref"]!.GetValue<double>());
        Assert.Equal("tail", ct["anchor"]!.GetValue<string>());
        var scene = json["layout"]!["scene"]!;
        Assert.Equal("c", scene["zaxis"]!["title"]!["text"]!.GetValue<string>());
        Assert.Equal("cube", scene["aspectmode"]!.GetValue<string>());
    }

    [Fact]
    public void NaN_and_infinities_become_null_and_floats_print_shortest()
    {
        var f = Figure.Create(Plot.Scatter(new float[] { 0.1f, float.NaN, 3f }, new[] { double.PositiveInfinity, 1.0 / 3, -0.25 }));
        var json = f.ToJson();
        Assert.Contains("\"x\":[0.1,null,3]", json);
        Assert.Contains("\"y\":[null,0.3333333333333333,-0.25]", json);
        var z = Figure.Create(Plot.Heatmap(new double[,] { { double.NaN, 1 } })).ToJson();
        Assert.Contains("\"z\":[[null,1]]", z);
    }

    private static Figure Sample()
    {
        var grid = new double[5, 4];
        for (var i = 0; i < 5; i++)
            for (var j = 0; j < 4; j++) grid[i, j] = Math.Sin(i) * Math.Cos(j);
        return Figure.Subplots(2, 2, ["a", "b", "c"])
            .Add(Plot.Scatter(new[] { 0.1, 0.2 }, new[] { 1e-7, 1e21 }, "s"), 1, 1)
            .Add(Plot.Heatmap(grid), 1, 2)
            .Add(Plot.Quiver(new[] { 0.0, 1 }, new[] { 0.0, 1 }, new[] { 1.0, 0 }, new[] { 0.0, 1 }), 2, 1)
            .WithTitle("t").WithSize(800, 600).WithXAxis("x", log: true, row: 2, col: 2);
    }

    [Fact]
    public void Same_figure_gives_identical_json_and_keys_in_fixed_order()
    {
        var a = Sample().ToJson();
        var b = Sample().ToJson();
        Assert.Equal(a, b);
        var first = JsonNode.Parse(a)!["data"]![0]!.AsObject();
        Assert.Equal(["type", "name", "mode", "x", "y", "xaxis", "yaxis"], first.Select(p => p.Key));
        var layout = JsonNode.Parse(a)!["layout"]!.AsObject().Select(p => p.Key).ToArray();
        Assert.Equal(["title", "width", "height", "xaxis", "yaxis", "xaxis2", "yaxis2", "xaxis3", "yaxis3", "xaxis4", "yaxis4", "annotations"], layout);
    }

    [Fact]
    public void Subplots_assign_each_cell_its_own_axes_with_domains_and_anchors()
    {
        var json = Parse(Sample());
        var data = json["data"]!.AsArray();
        Assert.Equal(("x", "y"), (data[0]!["xaxis"]!.GetValue<string>(), data[0]!["yaxis"]!.GetValue<string>()));
        Assert.Equal(("x2", "y2"), (data[1]!["xaxis"]!.GetValue<string>(), data[1]!["yaxis"]!.GetValue<string>()));
        Assert.Equal(("x3", "y3"), (data[2]!["xaxis"]!.GetValue<string>(), data[2]!["yaxis"]!.GetValue<string>()));

        var layout = json["layout"]!;
        // Two columns with 0.08 spacing: widths (1 - 0.08) / 2 = 0.46.
        Assert.Equal([0.0, 0.46], Numbers(layout["xaxis"]!["domain"]));
        Assert.Equal([0.54, 1.0], Numbers(layout["xaxis2"]!["domain"]));
        // Row 1 on top; two rows with 0.12 spacing: heights 0.44.
        Assert.Equal([0.56, 1.0], Numbers(layout["yaxis"]!["domain"]));
        Assert.Equal([0.0, 0.44], Numbers(layout["yaxis3"]!["domain"]));
        Assert.Equal("y3", layout["xaxis3"]!["anchor"]!.GetValue<string>());
        Assert.Equal("x3", layout["yaxis3"]!["anchor"]!.GetValue<string>());
        Assert.Equal("log", layout["xaxis4"]!["type"]!.GetValue<string>());
        Assert.Equal("x", layout["xaxis4"]!["title"]!["text"]!.GetValue<string>());

        var titles = layout["annotations"]!.AsArray();
        Assert.Equal(3, titles.Count);
        Assert.Equal("b", titles[1]!["text"]!.GetValue<string>());
        Assert.Equal(0.77, titles[1]!["x"]!.GetValue<double>(), 12);
        Assert.Equal(1.0, titles[1]!["y"]!.GetValue<double>());
    }

    [Fact]
    public void Subplot_cells_with_3d_traces_become_scenes()
    {
        var f = Figure.Subplots(1, 2)
            .Add(Plot.Scatter(new[] { 1.0 }, new[] { 1.0 }), 1, 1)
            .Add(Plot.Scatter3d(new[] { 1.0 }, new[] { 1.0 }, new[] { 1.0 }), 1, 2);
        var json = Parse(f);
        Assert.Equal("scene2", json["data"]![1]!["scene"]!.GetValue<string>());
        Assert.Null(json["data"]![1]!["xaxis"]);
        Assert.Equal([0.54, 1.0], Numbers(json["layout"]!["scene2"]!["domain"]!["x"]));
        Assert.Null(json["layout"]!["xaxis2"]);
    }

    [Fact]
    public void Mixing_2d_and_3d_in_one_cell_is_refused()
    {
        var f = Figure.Create(Plot.Scatter(new[] { 1.0 }, new[] { 1.0 }), Plot.Scatter3d(new[] { 1.0 }, new[] { 1.0 }, new[] { 1.0 }));
        var e = Assert.Throws<InvalidOperationException>(() => f.ToJson());
        Assert.Contains("mixes 2D and 3D", e.Message);
    }

    [Fact]
    public void Subplot_positions_are_checked()
    {
        var f = Figure.Subplots(2, 3);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => f.Add(Plot.Line(new[] { 1.0 }), 3, 1));
        Assert.Contains("1..2", e.Message);
    }

    [Fact]
    public void Axis_options_log_range_equal_aspect_reversed_and_legend()
    {
        var f = Figure.Create(Plot.Line(new[] { 1.0, 10, 100 }, "loss"))
            .WithXAxis("step")
            .WithYAxis("loss", log: true, range: (1, 1000))
            .WithEqualAspect()
            .WithLegend(true, horizontal: true);
        var layout = Parse(f)["layout"]!;
        Assert.Equal("step", layout["xaxis"]!["title"]!["text"]!.GetValue<string>());
        Assert.Equal("log", layout["yaxis"]!["type"]!.GetValue<string>());
        Assert.Equal([0.0, 3.0], Numbers(layout["yaxis"]!["range"]));
        Assert.Equal("x", layout["yaxis"]!["scaleanchor"]!.GetValue<string>());
        Assert.Equal(1, layout["yaxis"]!["scaleratio"]!.GetValue<double>());
        Assert.True(layout["showlegend"]!.GetValue<bool>());
        Assert.Equal("h", layout["legend"]!["orientation"]!.GetValue<string>());

        var reversed = Parse(Figure.Create(Plot.Line(new[] { 1.0 })).WithYAxis(reversed: true))["layout"]!;
        Assert.Equal("reversed", reversed["yaxis"]!["autorange"]!.GetValue<string>());
    }

    [Fact]
    public void Line_over_steps_uses_indices_as_x()
    {
        var t = OnlyTrace(Figure.Create(Plot.Line(new float[] { 3, 2, 1 })));
        Assert.Equal([0.0, 1, 2], Numbers(t["x"]));
        Assert.Equal("lines", t["mode"]!.GetValue<string>());
    }

    [Fact]
    public void Input_arrays_are_copied()
    {
        var x = new[] { 1.0, 2 };
        var trace = Plot.Scatter(x, new[] { 1.0, 2 });
        x[0] = 99;
        Assert.Equal(1.0, trace.X[0]);
    }

    [Fact]
    public void Plain_text_rendering_summarises_traces()
    {
        Assert.Equal("Figure \"t\": 3 traces (scatter, heatmap) in 2x2 subplots", Sample().ToString());
    }
}
