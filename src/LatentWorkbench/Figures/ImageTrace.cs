using System.Text.Json.Nodes;

namespace LatentWorkbench.Figures;

/// <summary>
/// An RGB image (plotly "image"): pixel centres at integer x/y, y pointing down, square pixels.
/// Grayscale images are better drawn as a <see cref="HeatmapTrace"/> with <see cref="ColorScale.Gray"/>.
/// </summary>
public sealed class ImageTrace : Trace
{
    private readonly byte[] _rgb;

    /// <summary>Creates an image from channel-major [3, h, w] floats in [0, 1] (values outside are clipped, NaN is black).</summary>
    public ImageTrace(ReadOnlySpan<float> chw, int height, int width)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        if (chw.Length != 3 * height * width)
            throw new ArgumentException($"Image: expected 3*{height}*{width} = {3 * height * width} values in [c, h, w] order, got {chw.Length}.", nameof(chw));
        Height = height;
        Width = width;
        _rgb = new byte[3 * height * width];
        var plane = height * width;
        for (var p = 0; p < plane; p++)
            for (var c = 0; c < 3; c++)
                _rgb[3 * p + c] = ToByte(chw[c * plane + p]);
    }

    internal ImageTrace(byte[] interleavedRgb, int height, int width)
    {
        _rgb = interleavedRgb;
        Height = height;
        Width = width;
    }

    /// <inheritdoc />
    public override string PlotlyType => "image";

    /// <summary>Image height h in pixels (rows).</summary>
    public int Height { get; }

    /// <summary>Image width w in pixels (columns).</summary>
    public int Width { get; }

    internal static byte ToByte(float v) => float.IsNaN(v) ? (byte)0 : (byte)MathF.Round(Math.Clamp(v, 0f, 1f) * 255f);

    private protected override void WriteData(JsonObject o)
    {
        var rows = new JsonArray();
        for (var i = 0; i < Height; i++)
        {
            var row = new JsonArray();
            for (var j = 0; j < Width; j++)
            {
                var k = 3 * (i * Width + j);
                row.Add(new JsonArray(_rgb[k], _rgb[k + 1], _rgb[k + 2]));
            }
            rows.Add(row);
        }
        o["z"] = rows;
    }
}
