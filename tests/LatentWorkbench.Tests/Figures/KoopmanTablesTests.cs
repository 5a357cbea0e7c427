using LatentWorkbench.Engine;
using LatentWorkbench.Figures;
using LatentWorkbench.Koopman;

namespace LatentWorkbench.Tests.Figures;

/// <summary>The unlearning lambda table keeps exact values and rounds only its display, as the other tables do.</summary>
public class KoopmanTablesTests
{
    [Fact]
    public void LambdaSelectionTableRoundsOnlyTheDisplay()
    {
        UnlearningCandidate[] candidates =
        [
            new(0.01, [0.91234, 0.8, 0.05], 0.0512345, 0.0123456),
            new(0.1, [0.9, 0.81, 0.0], 0.0, -0.0049),
        ];
        var split = new UnlearningSplit([0, 1, 2], [3, 4]);
        var edit = new UnlearningEdit(Tensor.Zeros(2, 2), 0.1, null, split, [0.95, 0.85, 0.99], candidates);
        var table = KoopmanFigures.LambdaSelectionTable(edit, ["a", "b", "c"]);

        Assert.Equal(3, table.Digits);
        Assert.Equal(0.0512345, table[0, "forget class (val)"]);
        Assert.Equal(0.0123456, table[0, "worst retained loss (val)"]);
        Assert.Equal("yes", table[1, "chosen"]);
        var text = table.ToText();
        Assert.Contains("0.051", text);
        Assert.DoesNotContain("0.0512", text);
        Assert.Contains("-0.005", text);
        Assert.Contains("0.0512345", table.ToCsv());
    }
}
