using LatentWorkbench.Reproduction;
using Xunit;

namespace LatentWorkbench.Tests.Reproduction;

public class PaperComparisonTests
{
    [Fact]
    public void Rows_keep_claim_paper_ours_and_verdict_in_order_and_render_as_a_four_column_table()
    {
        var comparison = new PaperComparison("Against the paper")
            .Add("Memorisation above 0.8 at k = 2", "> 0.8", "0.905", agrees: true)
            .Add("Attractors grow with k", "grow", "4 -> 2", agrees: false, why: "fewer at large k")
            .Add("Null baseline", "0.86", "0.84", Verdict.Inconclusive, "collapsed models");

        Assert.Equal([Verdict.Agrees, Verdict.Disagrees, Verdict.Inconclusive], comparison.Rows.Select(r => r.Verdict));
        Assert.Equal(1, comparison.Agreeing);
        var table = comparison.ToTable();
        Assert.Equal(["claim", "paper", "ours (this run)", "verdict"], table.Columns);
        Assert.Equal("Against the paper", table.Title);
        Assert.Equal("agrees", table[0, "verdict"]);
        Assert.Equal("disagrees: fewer at large k", table[1, "verdict"]);
        Assert.Equal("inconclusive: collapsed models", table[2, "verdict"]);
        Assert.Equal("4 -> 2", table[1, "ours (this run)"]);
        Assert.Contains("disagrees: fewer at large k", comparison.ToString());
        Assert.Contains("<table", (string)comparison.ToMimeBundle()["text/html"]);
    }

    [Fact]
    public void A_claim_without_text_or_an_unknown_verdict_is_a_clear_error()
    {
        var comparison = new PaperComparison();
        Assert.Equal("claim", Assert.Throws<ArgumentException>(() => comparison.Add(" ", "0.86", "0.84", true)).ParamName);
        Assert.Equal("verdict", Assert.Throws<ArgumentOutOfRangeException>(() => comparison.Add("c", "p", "o", (Verdict)7)).ParamName);
        Assert.Empty(comparison.Rows);
    }
}
