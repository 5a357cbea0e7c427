using System.Text.Json.Nodes;

namespace LatentWorkbench.Figures;

/// <summary>
/// A 2D vector field: an arrow from each (x, y) along (u, v).
/// By default the arrows are drawn as line segments in one plotly "scatter" trace (null-separated shaft
/// plus a two-barb head), which renders on every plotly.js version, including the CDN build the notebook
/// HTML falls back on. <see cref="Native"/> emits plotly.js 4's own "quiver" trace instead, which keeps
/// arrow heads undistorted under unequal axis scales but needs plotly.js 4 (for example the inlined
/// plotly.js-dist-min 4.1.2 bundle).
/// </summary>
public sealed class QuiverTrace : Trace
{
    /// <summary>Arrows from (x, y) along (u, v), all four [n].</summary>
    public QuiverTrace(DataArray x, DataArray y, DataArray u, DataArray v)
    {
        RequireSameLength("Quiver", ("x", x.Length), ("y", y.Length), ("u", u.Length), ("v", v.Length));
        (X, Y, U, V) = (x, y, u, v);
    }

    /// <inheritdoc />
    public override string PlotlyType => Native ? "quiver" : "scatter";

    /// <summary>x of the arrow tails, [n].</summary>
    public DataArray X { get; }

    /// <summary>y of the arrow tails, [n].</summary>
    public DataArray Y { get; }

    /// <summary>Vector x components, [n].</summary>
    public DataArray U { get; }

    /// <summary>Vector y components, [n].</summary>
    public DataArray V { get; }

    /// <summary>Arrow length = Scale * |(u, v)| in data units; null picks a scale so the longest arrow spans 0.9 of the typical point spacing.</summary>
    public double? Scale { get; set; }

    /// <summary>Arrow head barb length as a fraction of the arrow length.</summary>
    public double HeadFraction { get; set; } = 0.3;

    /// <summary>Angle between shaft and each head barb, in radians.</summary>
    public double HeadAngle { get; set; } = Math.PI / 9;

    /// <summary>One CSS colour for every arrow (null: plotly's colour cycle).</summary>
    public string? Color { get; set; }

    /// <summary>Arrow line width in pixels.</summary>
    public double? LineWidth { get; set; }

    /// <summary>Emit plotly.js 4's native "quiver" trace instead of line segments.</summary>
    public bool Native { get; set; }

    /// <summary>Sets colour and width of the arrows.</summary>
    public QuiverTrace WithStyle(string? color = null, double? lineWidth = null)
    {
        Color = color ?? Color;
        LineWidth = lineWidth ?? LineWidth;
        return this;
    }

    /// <summary>Fixes the arrow scale (data units per unit of vector norm).</summary>
    public QuiverTrace WithScale(double scale)
    {
        if (!(scale > 0) || !double.IsFinite(scale)) throw new ArgumentOutOfRangeException(nameof(scale), scale, "Quiver scale must be positive and finite.");
        Scale = scale;
        return this;
    }

    /// <summary>Switches to the native plotly.js 4 "quiver" trace.</summary>
    public QuiverTrace AsNative()
    {
        Native = true;
        return this;
    }

    /// <summary>The scale actually used: <see cref="Scale"/> or the automatic one.</summary>
    public double EffectiveScale()
    {
        if (Scale is { } s) return s;
        double xMin = double.PositiveInfinity, xMax = double.NegativeInfinity, yMin = double.PositiveInfinity, yMax = double.NegativeInfinity, maxNorm = 0;
        var n = 0;
        for (var i = 0; i < X.Length; i++)
        {
            double x = X[i], y = Y[i], norm = Math.Sqrt(U[i] * U[i] + V[i] * V[i]);
            if (!double.IsFinite(x) || !double.IsFinite(y) || !double.IsFinite(norm)) continue;
            n++;
            xMin = Math.Min(xMin, x); xMax = Math.Max(xMax, x);
            yMin = Math.Min(yMin, y); yMax = Math.Max(yMax, y);
            maxNorm = Math.Max(maxNorm, norm);
        }
        if (n == 0 || maxNorm == 0) return 1;
        double w = xMax - xMin, h = yMax - yMin;
        // Points on a grid of n cells over the bounding box are sqrt(area / n) apart; on a line, extent / n.
        var spacing = w > 0 && h > 0 ? Math.Sqrt(w * h / n) : Math.Max(w, h) / Math.Max(n - 1, 1);
        if (spacing == 0) spacing = 1;
        return 0.9 * spacing / maxNorm;
    }

    private protected override void WriteData(JsonObject o)
    {
        if (Native) WriteNative(o);
        else WriteSegments(o);
    }

    private void WriteNative(JsonObject o)
    {
        o["x"] = X.ToJson();
        o["y"] = Y.ToJson();
        o["u"] = U.ToJson();
        o["v"] = V.ToJson();
        o["anchor"] = "tail";
        o["lengthmode"] = "raw";
        o["lengthfactor"] = EffectiveScale();
        var marker = new JsonObject();
        marker.SetIf("color", Color);
        if (LineWidth is { } w) marker["line"] = new JsonObject { ["width"] = w };
        if (marker.Count > 0) o["marker"] = marker;
    }

    private void WriteSegments(JsonObject o)
    {
        var (xs, ys) = Segments();
        o["mode"] = "lines";
        o["x"] = ((DataArray)xs).ToJson();
        o["y"] = ((DataArray)ys).ToJson();
        o["line"] = new LineStyle(Color, LineWidth).ToJson();
        o["hoverinfo"] = "skip";
    }

    /// <summary>
    /// The polyline for all arrows: tail, tip, NaN, barb, tip, barb, NaN per arrow.
    /// Zero and non-finite vectors are skipped.
    /// </summary>
    public (double[] X, double[] Y) Segments()
    {
        var scale = EffectiveScale();
        var xs = new List<double>(7 * X.Length);
        var ys = new List<double>(7 * X.Length);
        double cosA = Math.Cos(HeadAngle), sinA = Math.Sin(HeadAngle);
        for (var i = 0; i < X.Length; i++)
        {
            double x0 = X[i], y0 = Y[i], du = scale * U[i], dv = scale * V[i];
            var len = Math.Sqrt(du * du + dv * dv);
            if (!(len > 0) || !double.IsFinite(len) || !double.IsFinite(x0) || !double.IsFinite(y0)) continue;
            double x1 = x0 + du, y1 = y0 + dv;
            // Unit vector pointing back from the tip, rotated by +/- the head angle.
            double bx = -du / len, by = -dv / len, head = HeadFraction * len;
            double lx = x1 + head * (bx * cosA - by * sinA), ly = y1 + head * (bx * sinA + by * cosA);
            double rx = x1 + head * (bx * cosA + by * sinA), ry = y1 + head * (-bx * sinA + by * cosA);
            xs.AddRange([x0, x1, double.NaN, lx, x1, rx, double.NaN]);
            ys.AddRange([y0, y1, double.NaN, ly, y1, ry, double.NaN]);
        }
        return (xs.ToArray(), ys.ToArray());
    }
}
