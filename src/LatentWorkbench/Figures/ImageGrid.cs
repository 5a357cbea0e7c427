namespace LatentWorkbench.Figures;

/// <summary>
/// Figures showing a batch of images (decoded samples, reconstructions) laid out in a grid.
/// Input is channel-major floats in [0, 1]: [n, h, w] or [n, 1, h, w] for grayscale, [n, 3, h, w] for RGB.
/// </summary>
public static class ImageGrid
{
    /// <summary>
    /// All images in one trace with <paramref name="gap"/> blank pixels between tiles: a grayscale heatmap (blank
    /// gaps) or an RGB image (white gaps). One trace keeps large batches fast to draw. <paramref name="pixels"/>
    /// [count * channels * height * width], channel-major per image; <paramref name="columns"/> 0 picks a near-square grid.
    /// </summary>
    public static Figure Tiled(ReadOnlySpan<float> pixels, int count, int channels, int height, int width, int columns = 0, int gap = 1, string? title = null)
    {
        Validate(pixels.Length, count, channels, height, width);
        ArgumentOutOfRangeException.ThrowIfNegative(gap);
        var (rows, cols) = GridShape(count, columns);
        int tallH = rows * height + (rows - 1) * gap, tallW = cols * width + (cols - 1) * gap;
        var plane = height * width;
        Figure figure;
        if (channels == 1)
        {
            var z = new float[tallH * tallW];
            Array.Fill(z, float.NaN);
            for (var n = 0; n < count; n++)
            {
                var (top, left) = TileOrigin(n, cols, height, width, gap);
                for (var i = 0; i < height; i++)
                    pixels.Slice(n * plane + i * width, width).CopyTo(z.AsSpan((top + i) * tallW + left, width));
            }
            var heatmap = new HeatmapTrace(Matrix.FromRowMajor(z, tallH, tallW))
                .WithColorScale(ColorScale.Gray, 0, 1)
                .WithColorBar(show: false);
            figure = Figure.Create(heatmap).WithYAxis(reversed: true).WithEqualAspect();
        }
        else
        {
            var rgb = new byte[3 * tallH * tallW];
            Array.Fill(rgb, (byte)255);
            for (var n = 0; n < count; n++)
            {
                var (top, left) = TileOrigin(n, cols, height, width, gap);
                var image = pixels.Slice(n * 3 * plane, 3 * plane);
                for (var i = 0; i < height; i++)
                    for (var j = 0; j < width; j++)
                        for (var c = 0; c < 3; c++)
                            rgb[3 * ((top + i) * tallW + left + j) + c] = ImageTrace.ToByte(image[c * plane + i * width + j]);
            }
            figure = Figure.Create(new ImageTrace(rgb, tallH, tallW));
        }
        figure.WithHiddenAxes();
        if (title is not null) figure.WithTitle(title);
        figure.StaticImagePng = StaticPng(pixels, count, channels, height, width, cols, Math.Max(gap, 1));
        return figure;
    }

    /// <summary>
    /// One subplot per image, each optionally labelled (e.g. with its class or step): <paramref name="pixels"/>
    /// [count * channels * height * width], channel-major per image; <paramref name="labels"/> [count] when given.
    /// </summary>
    public static Figure Subplots(ReadOnlySpan<float> pixels, int count, int channels, int height, int width, int columns = 0, IReadOnlyList<string>? labels = null, string? title = null)
    {
        Validate(pixels.Length, count, channels, height, width);
        if (labels is not null && labels.Count != count)
            throw new ArgumentException($"ImageGrid: {labels.Count} labels for {count} images; they must match.", nameof(labels));
        var (rows, cols) = GridShape(count, columns);
        var figure = Figure.Subplots(rows, cols, labels, horizontalSpacing: 0.02, verticalSpacing: labels is null ? 0.02 : 0.08);
        var size = channels * height * width;
        for (var n = 0; n < count; n++)
        {
            int row = n / cols + 1, col = n % cols + 1;
            var image = pixels.Slice(n * size, size);
            if (channels == 1)
            {
                var heatmap = new HeatmapTrace(Matrix.FromRowMajor(image, height, width))
                    .WithColorScale(ColorScale.Gray, 0, 1)
                    .WithColorBar(show: false);
                figure.Add(heatmap, row, col).WithYAxis(reversed: true, row: row, col: col).WithEqualAspect(row, col);
            }
            else figure.Add(new ImageTrace(image, height, width), row, col);
            figure.WithHiddenAxes(row, col);
        }
        if (title is not null) figure.WithTitle(title);
        figure.StaticImagePng = StaticPng(pixels, count, channels, height, width, cols, 2);
        return figure;
    }

    /// <summary>
    /// The grid as a PNG (white gaps, nearest-neighbour enlarged to about 480 px wide) for renderers that run no
    /// JavaScript; labels and titles are left out.
    /// </summary>
    internal static byte[] StaticPng(ReadOnlySpan<float> pixels, int count, int channels, int height, int width, int cols, int gap)
    {
        var rows = (count + cols - 1) / cols;
        int tallH = rows * height + (rows - 1) * gap, tallW = cols * width + (cols - 1) * gap;
        var rgb = new byte[3 * tallH * tallW];
        Array.Fill(rgb, (byte)255);
        var plane = height * width;
        for (var n = 0; n < count; n++)
        {
            var (top, left) = TileOrigin(n, cols, height, width, gap);
            var image = pixels.Slice(n * channels * plane, channels * plane);
            for (var i = 0; i < height; i++)
                for (var j = 0; j < width; j++)
                    for (var c = 0; c < 3; c++)
                        rgb[3 * ((top + i) * tallW + left + j) + c] = ImageTrace.ToByte(image[(channels == 1 ? 0 : c) * plane + i * width + j]);
        }
        var scale = Math.Clamp((int)Math.Ceiling(480.0 / tallW), 1, 8);
        return PngEncoder.EncodeRgb(rgb, tallH, tallW, scale);
    }

    private static void Validate(int length, int count, int channels, int height, int width)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        if (channels is not (1 or 3))
            throw new ArgumentOutOfRangeException(nameof(channels), channels, "ImageGrid supports 1 (grayscale) or 3 (RGB) channels.");
        if ((long)count * channels * height * width != length)
            throw new ArgumentException(
                $"ImageGrid: pixel buffer has {length} values; expected [n, c, h, w] = {count}*{channels}*{height}*{width} = {(long)count * channels * height * width}.", "pixels");
    }

    /// <summary>Rows and columns for <paramref name="count"/> tiles; columns 0 picks a near-square grid.</summary>
    internal static (int Rows, int Columns) GridShape(int count, int columns)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(columns);
        var cols = columns > 0 ? Math.Min(columns, count) : (int)Math.Ceiling(Math.Sqrt(count));
        return ((count + cols - 1) / cols, cols);
    }

    private static (int Top, int Left) TileOrigin(int n, int cols, int height, int width, int gap) =>
        (n / cols * (height + gap), n % cols * (width + gap));
}
