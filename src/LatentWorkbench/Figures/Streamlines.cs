namespace LatentWorkbench.Figures;

/// <summary>A 2D vector field: the velocity (u, v) at point (x, y).</summary>
public delegate (double U, double V) VectorField2(double x, double y);

/// <summary>Options for <see cref="Streamlines.Integrate"/>.</summary>
/// <param name="StepSize">Integration step (time units, or arc length when <paramref name="UnitSpeed"/>).</param>
/// <param name="MaxSteps">Steps per direction before a line stops.</param>
/// <param name="Bidirectional">Also integrate backwards from each seed, so the seed sits mid-line.</param>
/// <param name="UnitSpeed">Follow the normalised field, so every line has length StepSize * steps regardless of speed.</param>
/// <param name="Bounds">Stop when a line leaves this box.</param>
/// <param name="MinSpeed">Stop near fixed points, where the speed falls below this.</param>
public sealed record StreamlineOptions(
    double StepSize = 0.01,
    int MaxSteps = 500,
    bool Bidirectional = false,
    bool UnitSpeed = false,
    (double XMin, double XMax, double YMin, double YMax)? Bounds = null,
    double MinSpeed = 1e-12);

/// <summary>Streamlines of a 2D vector field by classical fourth-order Runge-Kutta.</summary>
public static class Streamlines
{
    /// <summary>One RK4 step of size <paramref name="h"/> from (x, y).</summary>
    public static (double X, double Y) Rk4Step(VectorField2 field, double x, double y, double h)
    {
        var (u1, v1) = field(x, y);
        var (u2, v2) = field(x + 0.5 * h * u1, y + 0.5 * h * v1);
        var (u3, v3) = field(x + 0.5 * h * u2, y + 0.5 * h * v2);
        var (u4, v4) = field(x + h * u3, y + h * v3);
        return (x + h / 6 * (u1 + 2 * u2 + 2 * u3 + u4), y + h / 6 * (v1 + 2 * v2 + 2 * v3 + v4));
    }

    /// <summary>Integrates one polyline per seed, [seeds], each X and Y [points]; each starts (or, bidirectional, passes) through its seed.</summary>
    public static IReadOnlyList<(double[] X, double[] Y)> Integrate(VectorField2 field, IEnumerable<(double X, double Y)> seeds, StreamlineOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(field);
        var o = options ?? new StreamlineOptions();
        if (!(o.StepSize > 0) || !double.IsFinite(o.StepSize))
            throw new ArgumentOutOfRangeException(nameof(options), o.StepSize, "StreamlineOptions.StepSize must be positive and finite.");
        ArgumentOutOfRangeException.ThrowIfNegative(o.MaxSteps);

        var lines = new List<(double[], double[])>();
        foreach (var (sx, sy) in seeds)
        {
            var forward = Follow(field, sx, sy, o, +1);
            if (!o.Bidirectional)
            {
                lines.Add((forward.Xs.ToArray(), forward.Ys.ToArray()));
                continue;
            }
            var backward = Follow(field, sx, sy, o, -1);
            backward.Xs.Reverse();
            backward.Ys.Reverse();
            // The seed is the last backward point and the first forward point; keep it once.
            backward.Xs.AddRange(forward.Xs.Skip(1));
            backward.Ys.AddRange(forward.Ys.Skip(1));
            lines.Add((backward.Xs.ToArray(), backward.Ys.ToArray()));
        }
        return lines;
    }

    private static (List<double> Xs, List<double> Ys) Follow(VectorField2 field, double x, double y, StreamlineOptions o, int direction)
    {
        VectorField2 f = o.UnitSpeed
            ? (px, py) =>
            {
                var (u, v) = field(px, py);
                var s = Math.Sqrt(u * u + v * v);
                return s > o.MinSpeed ? (u / s, v / s) : (0, 0);
            }
            : field;
        var xs = new List<double> { x };
        var ys = new List<double> { y };
        if (!Inside(x, y, o)) return (xs, ys);
        var h = direction * o.StepSize;
        for (var step = 0; step < o.MaxSteps; step++)
        {
            var (u, v) = field(x, y);
            if (!(Math.Sqrt(u * u + v * v) > o.MinSpeed)) break;
            (x, y) = Rk4Step(f, x, y, h);
            if (!double.IsFinite(x) || !double.IsFinite(y)) break;
            xs.Add(x);
            ys.Add(y);
            if (!Inside(x, y, o)) break;
        }
        return (xs, ys);
    }

    private static bool Inside(double x, double y, StreamlineOptions o) =>
        o.Bounds is not { } b || (x >= b.XMin && x <= b.XMax && y >= b.YMin && y <= b.YMax);

    /// <summary>Joins polylines into one NaN-separated pair of arrays, [total points + lines - 1] each, the form a single plotly line trace draws.</summary>
    public static (double[] X, double[] Y) Join(IReadOnlyList<(double[] X, double[] Y)> lines)
    {
        var n = lines.Sum(l => l.X.Length + 1);
        var xs = new double[Math.Max(n - 1, 0)];
        var ys = new double[xs.Length];
        var k = 0;
        for (var i = 0; i < lines.Count; i++)
        {
            if (i > 0)
            {
                xs[k] = double.NaN;
                ys[k++] = double.NaN;
            }
            lines[i].X.CopyTo(xs, k);
            lines[i].Y.CopyTo(ys, k);
            k += lines[i].X.Length;
        }
        return (xs, ys);
    }
}
