using System.Text.Json.Nodes;
using LatentWorkbench.Figures;

namespace LatentWorkbench.Tests.Figures;

public class VectorFieldTests
{
    [Fact]
    public void Quiver_segments_go_from_tail_to_scaled_tip_with_symmetric_barbs()
    {
        var q = Plot.Quiver(new[] { 1.0 }, new[] { 2.0 }, new[] { 3.0 }, new[] { 4.0 }, scale: 0.5);
        var (x, y) = q.Segments();
        Assert.Equal(7, x.Length);
        // Tail, tip = tail + 0.5 * (3, 4).
        Assert.Equal((1.0, 2.0), (x[0], y[0]));
        Assert.Equal((2.5, 4.0), (x[1], y[1]));
        Assert.True(double.IsNaN(x[2]) && double.IsNaN(y[2]));
        Assert.Equal((x[1], y[1]), (x[4], y[4]));
        // Each barb has length HeadFraction * |arrow| = 0.3 * 2.5 and makes HeadAngle with the shaft.
        foreach (var k in new[] { 3, 5 })
        {
            double bx = x[k] - x[1], by = y[k] - y[1];
            Assert.Equal(0.75, Math.Sqrt(bx * bx + by * by), 1e-12);
            var cos = -(bx * 3 + by * 4) / (0.75 * 5);
            Assert.Equal(Math.Cos(Math.PI / 9), cos, 1e-12);
        }
        // The barbs lie on opposite sides of the shaft.
        double Cross(int k) => 3 * (y[k] - y[1]) - 4 * (x[k] - x[1]);
        Assert.True(Cross(3) * Cross(5) < 0);
    }

    [Fact]
    public void Quiver_skips_zero_and_nan_vectors()
    {
        var q = Plot.Quiver(new[] { 0.0, 1, 2 }, new[] { 0.0, 0, 0 }, new[] { 0.0, double.NaN, 1 }, new[] { 0.0, 0, 0 }, scale: 1);
        var (x, _) = q.Segments();
        Assert.Equal(7, x.Length);
        Assert.Equal(2.0, x[0]);
    }

    [Fact]
    public void Quiver_auto_scale_makes_the_longest_arrow_nine_tenths_of_the_grid_spacing()
    {
        // 3x3 grid with spacing 1 over a 2x2 box: sqrt(4 / 9) = 2/3 is the estimate for 9 points.
        var xs = new List<double>();
        var ys = new List<double>();
        for (var i = 0; i < 3; i++)
            for (var j = 0; j < 3; j++) { xs.Add(i); ys.Add(j); }
        var u = Enumerable.Repeat(2.0, 9).ToArray();
        var v = new double[9];
        var q = Plot.Quiver(xs.ToArray(), ys.ToArray(), u, v);
        Assert.Equal(0.9 * (2.0 / 3) / 2, q.EffectiveScale(), 1e-12);
    }

    [Fact]
    public void Quiver_segment_trace_is_a_portable_scatter_and_native_is_plotly4_quiver()
    {
        var q = Plot.Quiver(new[] { 0.0 }, new[] { 0.0 }, new[] { 1.0 }, new[] { 0.0 }, "flow", scale: 2).WithStyle("black", 1.5);
        var seg = JsonNode.Parse(Figure.Create(q).ToJson())!["data"]![0]!;
        Assert.Equal("scatter", seg["type"]!.GetValue<string>());
        Assert.Equal("lines", seg["mode"]!.GetValue<string>());
        Assert.Equal("black", seg["line"]!["color"]!.GetValue<string>());
        Assert.Equal(7, seg["x"]!.AsArray().Count);
        Assert.Null(seg["x"]![2]);

        var native = JsonNode.Parse(Figure.Create(q.AsNative()).ToJson())!["data"]![0]!;
        Assert.Equal("quiver", native["type"]!.GetValue<string>());
        Assert.Equal(1.0, native["u"]![0]!.GetValue<double>());
        Assert.Equal("raw", native["lengthmode"]!.GetValue<string>());
        Assert.Equal(2.0, native["lengthfactor"]!.GetValue<double>());
        Assert.Equal(1.5, native["marker"]!["line"]!["width"]!.GetValue<double>());
    }

    [Fact]
    public void Quiver_from_field_samples_the_grid()
    {
        var q = Plot.Quiver((x, y) => (x + 10 * y, -x), (0, 1), (0, 2), nx: 3, ny: 2);
        Assert.Equal(6, q.X.Length);
        // Row-major over y then x: point 4 is (0.5, 2).
        Assert.Equal((0.5, 2.0), (q.X[4], q.Y[4]));
        Assert.Equal((20.5, -0.5), (q.U[4], q.V[4]));
    }

    [Fact]
    public void Rk4_streamline_of_a_rotation_follows_the_circle()
    {
        // dx/dt = -y, dy/dt = x from (1, 0) is (cos t, sin t).
        var lines = Streamlines.Integrate((x, y) => (-y, x), [(1.0, 0.0)], new StreamlineOptions(StepSize: 0.01, MaxSteps: 300));
        var (xs, ys) = lines[0];
        Assert.Equal(301, xs.Length);
        for (var k = 0; k < xs.Length; k += 50)
        {
            Assert.Equal(Math.Cos(0.01 * k), xs[k], 1e-9);
            Assert.Equal(Math.Sin(0.01 * k), ys[k], 1e-9);
        }
    }

    [Fact]
    public void Rk4_step_has_fifth_order_local_error_on_exponential_decay()
    {
        // x' = -x: one step gives x * (1 - h + h^2/2 - h^3/6 + h^4/24), the Taylor polynomial of e^{-h}.
        var h = 0.1;
        var (x, _) = Streamlines.Rk4Step((px, py) => (-px, 0), 1, 0, h);
        Assert.Equal(1 - h + h * h / 2 - h * h * h / 6 + h * h * h * h / 24, x, 1e-14);
        Assert.True(Math.Abs(x - Math.Exp(-h)) < h * h * h * h * h / 100);
    }

    [Fact]
    public void Streamlines_stop_at_bounds_and_fixed_points_and_run_both_ways()
    {
        var opts = new StreamlineOptions(StepSize: 0.1, MaxSteps: 1000, Bounds: (-1.05, 1.05, -1, 1));
        // Uniform flow to the right from x = 0 leaves the box after 11 steps (x = 1.1 > 1.05).
        var right = Streamlines.Integrate((x, y) => (1, 0), [(0.0, 0.0)], opts)[0];
        Assert.Equal(12, right.X.Length);
        Assert.Equal(1.1, right.X[^1], 1e-12);

        // Seeding at a fixed point gives a single point.
        var still = Streamlines.Integrate((x, y) => (x, y), [(0.0, 0.0)], opts)[0];
        Assert.Single(still.X);

        var both = Streamlines.Integrate((x, y) => (1, 0), [(0.0, 0.5)], opts with { Bidirectional = true })[0];
        Assert.Equal(-1.1, both.X[0], 1e-12);
        Assert.Equal(1.1, both.X[^1], 1e-12);
        Assert.Equal(23, both.X.Length);
        Assert.All(both.Y, y => Assert.Equal(0.5, y));
    }

    [Fact]
    public void Unit_speed_streamlines_have_step_sized_segments()
    {
        var line = Streamlines.Integrate((x, y) => (5 * x + 1, 0), [(0.0, 0.0)], new StreamlineOptions(StepSize: 0.05, MaxSteps: 10, UnitSpeed: true))[0];
        Assert.Equal(0.5, line.X[^1], 1e-12);
    }

    [Fact]
    public void Streamline_trace_joins_lines_with_gaps()
    {
        var trace = Plot.Streamlines((x, y) => (1, 0), [(0.0, 0.0), (0.0, 1.0)], new StreamlineOptions(StepSize: 0.5, MaxSteps: 2), "flow");
        Assert.Equal(7, trace.X.Length);
        Assert.True(double.IsNaN(trace.X[3]));
        Assert.Equal(1.0, trace.Y[4]);
        Assert.Equal(ScatterMode.Lines, trace.Mode);
    }
}
