using LatentWorkbench.Engine;
using LatentWorkbench.Figures;
using LatentWorkbench.Notebooks.Display;
using LatentWorkbench.Notebooks.Documents;

namespace LatentWorkbench.Notebooks.Tests;

/// <summary>A result record as the methods return them: numbers only; its figure is registered with <see cref="ResultFigures"/>.</summary>
public sealed record SweepLikeResult(double Memorization, int Attractors, float[] PerStart);

public class RichDisplayTests
{
    private static readonly FormatterRegistry Registry = new();

    // A line of the per-start values, as a method's figure builder would draw it.
    static RichDisplayTests() => ResultFigures.Register<SweepLikeResult>(r =>
        Figure.Create(Plot.Scatter(r.PerStart.Select((_, i) => (double)i).ToArray(), r.PerStart.Select(v => (double)v).ToArray(), "per start")));

    [Fact]
    public void Small_tensor_shows_its_values_and_statistics()
    {
        var bundle = Registry.Format(Tensor.FromArray(new float[] { 1, 2, float.NaN, 4 }, 2, 2));
        var text = bundle.GetText(MimeBundle.PlainText)!;
        Assert.StartsWith("Tensor [2, 2] float32, min 1, max 4, mean 2.333, 1 NaN, 0 Inf", text);
        Assert.EndsWith("[[1, 2], [NaN, 4]]", text);
        var html = bundle.GetText(MimeBundle.Html)!;
        Assert.Contains("<th style=\"text-align:left\">NaN / Inf</th><td style=\"color:#b00\">1 / 0</td>", html);
        Assert.False(bundle.ContainsKey(MimeBundle.Png));
    }

    [Theory]
    [InlineData(new[] { 6, 1, 28, 28 })]
    [InlineData(new[] { 3, 32, 32 })]
    [InlineData(new[] { 120, 90 })]
    public void Image_batches_and_matrices_carry_a_picture(int[] shape)
    {
        var numel = shape.Aggregate(1, (a, b) => a * b);
        var values = Enumerable.Range(0, numel).Select(i => (float)Math.Sin(i * 0.01)).ToArray();
        var bundle = Registry.Format(Tensor.FromArray(values, shape));
        var png = Convert.FromBase64String(bundle.GetText(MimeBundle.Png)!);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png.Take(4));
        Assert.Contains("data:image/png;base64,", bundle.GetText(MimeBundle.Html));
        Assert.DoesNotContain("[[", bundle.GetText(MimeBundle.PlainText)); // large: summary only
    }

    [Fact]
    public void Result_record_shows_a_summary_and_its_figure()
    {
        var bundle = Registry.Format(new SweepLikeResult(0.8125, 7, [1f, 3f, 2f]));
        var text = bundle.GetText(MimeBundle.PlainText)!;
        Assert.Equal("SweepLikeResult\n  Memorization: 0.8125\n  Attractors: 7\n  PerStart: Single[3]", text);
        var html = bundle.GetText(MimeBundle.Html)!;
        Assert.Contains("<th style=\"text-align:left\">Attractors</th><td style=\"text-align:left\">7</td>", html);
        Assert.Contains("plotly-graph-div", html);
        Assert.True(bundle.ContainsKey(MimeBundle.Plotly));
    }
}
