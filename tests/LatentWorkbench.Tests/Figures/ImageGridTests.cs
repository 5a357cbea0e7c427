using System.Text.Json.Nodes;
using LatentWorkbench.Figures;

namespace LatentWorkbench.Tests.Figures;

public class ImageGridTests
{
    private static float[] Ramp(int n) => Enumerable.Range(0, n).Select(i => i / (float)n).ToArray();

    [Fact]
    public void Tiled_grayscale_places_images_row_major_with_blank_gaps()
    {
        // 3 images of 2x2 in 2 columns with gap 1 -> 5 x 5 canvas.
        var pixels = Ramp(12);
        var json = JsonNode.Parse(ImageGrid.Tiled(pixels, 3, 1, 2, 2, columns: 2).ToJson())!;
        var t = json["data"]![0]!;
        Assert.Equal("heatmap", t["type"]!.GetValue<string>());
        var z = t["z"]!.AsArray();
        Assert.Equal(5, z.Count);
        Assert.Equal(5, z[0]!.AsArray().Count);
        float Pixel(int n, int i, int j) => pixels[n * 4 + i * 2 + j];
        double? Z(int i, int j) => z[i]![j]?.GetValue<double>();
        Assert.Equal(Pixel(0, 1, 1), Z(1, 1)!.Value, 6);
        Assert.Equal(Pixel(1, 0, 1), Z(0, 4)!.Value, 6);
        Assert.Equal(Pixel(2, 1, 0), Z(4, 0)!.Value, 6);
        Assert.Null(Z(2, 2)); // gap row
        Assert.Null(Z(0, 2)); // gap column
        Assert.Null(Z(4, 4)); // missing 4th tile
        Assert.Equal(0, t["zmin"]!.GetValue<double>());
        Assert.Equal(1, t["zmax"]!.GetValue<double>());
        var layout = json["layout"]!;
        Assert.Equal("reversed", layout["yaxis"]!["autorange"]!.GetValue<string>());
        Assert.Equal("x", layout["yaxis"]!["scaleanchor"]!.GetValue<string>());
    }

    [Fact]
    public void Tiled_rgb_is_an_image_trace_with_channels_interleaved()
    {
        // One 1x2 RGB image: red then blue pixel, channel-major.
        float[] chw = [1, 0, /*g*/ 0, 0, /*b*/ 0, 1];
        var t = JsonNode.Parse(ImageGrid.Tiled(chw, 1, 3, 1, 2).ToJson())!["data"]![0]!;
        Assert.Equal("image", t["type"]!.GetValue<string>());
        Assert.Equal("[[[255,0,0],[0,0,255]]]", t["z"]!.ToJsonString());
    }

    [Fact]
    public void Subplots_give_each_image_a_labelled_cell()
    {
        var f = ImageGrid.Subplots(Ramp(4 * 9), 4, 1, 3, 3, labels: ["0", "1", "2", "3"]);
        var json = JsonNode.Parse(f.ToJson())!;
        Assert.Equal(4, json["data"]!.AsArray().Count);
        Assert.Equal("x4", json["data"]![3]!["xaxis"]!.GetValue<string>());
        Assert.Equal("3", json["layout"]!["annotations"]![3]!["text"]!.GetValue<string>());
        Assert.False(json["layout"]!["xaxis4"]!["visible"]!.GetValue<bool>());
        Assert.Equal("x4", json["layout"]!["yaxis4"]!["scaleanchor"]!.GetValue<string>());
    }

    [Fact]
    public void Wrong_buffer_size_is_reported_with_the_expected_shape()
    {
        var e = Assert.Throws<ArgumentException>(() => ImageGrid.Tiled(new float[10], 2, 1, 2, 2));
        Assert.Contains("2*1*2*2 = 8", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => ImageGrid.Tiled(new float[8], 1, 2, 2, 2));
    }

    [Theory]
    [InlineData(1, 0, 1, 1)]
    [InlineData(10, 0, 3, 4)]
    [InlineData(16, 0, 4, 4)]
    [InlineData(5, 8, 1, 5)]
    [InlineData(7, 3, 3, 3)]
    public void Grid_shape_is_near_square_or_follows_columns(int count, int columns, int rows, int cols) =>
        Assert.Equal((rows, cols), ImageGrid.GridShape(count, columns));
}
