using System.Globalization;
using System.Net;
using System.Text;
using LatentWorkbench.Engine;
using LatentWorkbench.Figures;

namespace LatentWorkbench.Display;

/// <summary>
/// How a <see cref="Tensor"/> shows in a notebook: shape, dtype, min/max/mean and NaN/Inf counts; the values
/// themselves when there are few; a heatmap for a matrix and an image grid for image-shaped tensors (static PNG, so
/// they show without JavaScript, on GitHub and in nbconvert too).
/// </summary>
public static class TensorDisplay
{
    /// <summary>Tensors with at most this many elements are shown in full.</summary>
    public const int SmallElements = 64;

    /// <summary>At most this many images of an image batch are drawn.</summary>
    public const int MaxImages = 32;

    /// <summary>The MIME bundle (text/plain, text/html, and image/png when there is a picture).</summary>
    public static IReadOnlyDictionary<string, object> ToMimeBundle(Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        var values = tensor.ToArray();
        var stats = Summarize(values);
        var shape = "[" + string.Join(", ", tensor.Shape) + "]";
        var summary = string.Create(CultureInfo.InvariantCulture,
            $"Tensor {shape} float32, min {stats.Min:G4}, max {stats.Max:G4}, mean {stats.Mean:G4}") +
            (stats.NaN + stats.Inf > 0 ? $", {stats.NaN} NaN, {stats.Inf} Inf" : "");
        var text = values.Length <= SmallElements ? summary + "\n" + Values(values, tensor.Shape) : summary;

        var html = new StringBuilder("<div class=\"lwb-tensor\"><table style=\"font-family:monospace\"><tbody>");
        Row(html, "shape", shape);
        Row(html, "dtype", "float32");
        Row(html, "min / max / mean", string.Create(CultureInfo.InvariantCulture, $"{stats.Min:G6} / {stats.Max:G6} / {stats.Mean:G6}"));
        Row(html, "NaN / Inf", $"{stats.NaN} / {stats.Inf}", highlight: stats.NaN + stats.Inf > 0);
        html.Append("</tbody></table>");
        var bundle = new Dictionary<string, object>();
        if (values.Length <= SmallElements)
            html.Append("<pre>").Append(WebUtility.HtmlEncode(Values(values, tensor.Shape))).Append("</pre>");
        else if (Picture(values, tensor.Shape, stats) is { } png)
        {
            bundle["image/png"] = png;
            html.Append("<img alt=\"tensor\" style=\"image-rendering:pixelated;max-width:100%\" src=\"data:image/png;base64,")
                .Append(Convert.ToBase64String(png)).Append("\">");
        }
        bundle["text/html"] = html.Append("</div>").ToString();
        bundle["text/plain"] = text;
        return bundle;
    }

    private readonly record struct Stats(double Min, double Max, double Mean, int NaN, int Inf);

    private static Stats Summarize(ReadOnlySpan<float> values)
    {
        double min = double.PositiveInfinity, max = double.NegativeInfinity, sum = 0;
        int nan = 0, inf = 0, finite = 0;
        foreach (var v in values)
        {
            if (float.IsNaN(v)) { nan++; continue; }
            if (float.IsInfinity(v)) { inf++; continue; }
            finite++;
            sum += v;
            if (v < min) min = v;
            if (v > max) max = v;
        }
        return finite == 0 ? new Stats(double.NaN, double.NaN, double.NaN, nan, inf) : new Stats(min, max, sum / finite, nan, inf);
    }

    private static void Row(StringBuilder html, string name, string value, bool highlight = false) =>
        html.Append("<tr><th style=\"text-align:left\">").Append(name).Append("</th><td")
            .Append(highlight ? " style=\"color:#b00\"" : "").Append('>').Append(WebUtility.HtmlEncode(value)).Append("</td></tr>");

    /// <summary>Nested brackets as PyTorch prints them: [[1, 2], [3, 4]].</summary>
    private static string Values(float[] values, IReadOnlyList<int> shape)
    {
        var sb = new StringBuilder();
        int index = 0;
        void Write(int dim)
        {
            if (dim == shape.Count)
            {
                sb.Append(values[index++].ToString("G6", CultureInfo.InvariantCulture));
                return;
            }
            sb.Append('[');
            for (int i = 0; i < shape[dim]; i++)
            {
                if (i > 0) sb.Append(", ");
                Write(dim + 1);
            }
            sb.Append(']');
        }
        Write(0);
        return sb.ToString();
    }

    /// <summary>An image grid for [n, 1|3, h, w], [1|3, h, w] or [n, h, w] with image-like sides; a heatmap for a matrix; else null.</summary>
    private static byte[]? Picture(float[] values, IReadOnlyList<int> shape, Stats stats)
    {
        if (!double.IsFinite(stats.Min)) return null;
        // Pixels outside [0, 1] are rescaled to it, so standardised images still look like images.
        bool unit = stats.Min >= 0 && stats.Max <= 1;
        float Scale(float v) => float.IsFinite(v) ? unit ? v : (float)((v - stats.Min) / Math.Max(stats.Max - stats.Min, 1e-12)) : 0f;
        static bool ImageSide(int s) => s is >= 8 and <= 256;

        (int N, int C, int H, int W)? images = shape switch
        {
            [var n, var c and (1 or 3), var h, var w] when ImageSide(h) && ImageSide(w) => (n, c, h, w),
            [var c and (1 or 3), var h, var w] when ImageSide(h) && ImageSide(w) => (1, c, h, w),
            [var n, var h, var w] when ImageSide(h) && ImageSide(w) => (n, 1, h, w),
            _ => null,
        };
        if (images is var (count, channels, height, width))
        {
            int shown = Math.Min(count, MaxImages);
            var pixels = new float[shown * channels * height * width];
            for (int i = 0; i < pixels.Length; i++) pixels[i] = Scale(values[i]);
            var (_, columns) = ImageGrid.GridShape(shown, 0);
            return ImageGrid.StaticPng(pixels, shown, channels, height, width, columns, 1);
        }
        if (shape is [var rows, var cols])
        {
            // At most 400 pixels a side: larger matrices are shown by every k-th row and column.
            int step = Math.Max(1, (Math.Max(rows, cols) + 399) / 400);
            int h = (rows + step - 1) / step, w = (cols + step - 1) / step;
            int scale = Math.Clamp(200 / Math.Max(h, w), 1, 8);
            var rgb = new byte[3 * h * w];
            for (int i = 0; i < h; i++)
                for (int j = 0; j < w; j++)
                {
                    var (r, g, b) = Viridis(Scale(values[i * step * cols + j * step]));
                    int at = 3 * (i * w + j);
                    rgb[at] = r; rgb[at + 1] = g; rgb[at + 2] = b;
                }
            return PngEncoder.EncodeRgb(rgb, h, w, scale);
        }
        return null;
    }

    private static ReadOnlySpan<byte> ViridisStops => [68, 1, 84, 59, 82, 139, 33, 145, 140, 94, 201, 98, 253, 231, 37];

    /// <summary>A five-stop approximation of matplotlib's viridis: perceptually ordered, readable in grayscale print.</summary>
    private static (byte R, byte G, byte B) Viridis(float t)
    {
        float x = Math.Clamp(t, 0f, 1f) * 4;
        int k = Math.Min((int)x, 3);
        float f = x - k;
        byte Lerp(int c) => (byte)Math.Round(ViridisStops[3 * k + c] + f * (ViridisStops[3 * (k + 1) + c] - ViridisStops[3 * k + c]));
        return (Lerp(0), Lerp(1), Lerp(2));
    }
}
