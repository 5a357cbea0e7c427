using LatentWorkbench.Notebooks.Kernel;

namespace LatentWorkbench.Notebooks.Tests.Kernel;

public class CodePointsTests
{
    [Fact]
    public void Offsets_convert_across_surrogate_pairs()
    {
        // "a😀b": code points a, 😀, b; UTF-16 units a, hi, lo, b.
        var text = "a\U0001F600b";
        Assert.Equal(4, text.Length);
        Assert.Equal([0, 1, 3, 4], new[] { 0, 1, 2, 3 }.Select(i => CodePoints.ToUtf16(text, i)));
        Assert.Equal([0, 1, 2, 3], new[] { 0, 1, 3, 4 }.Select(i => CodePoints.FromUtf16(text, i)));
        Assert.Equal(4, CodePoints.ToUtf16(text, 99));
        Assert.Equal(5, CodePoints.FromUtf16("plain", 5));
    }
}
