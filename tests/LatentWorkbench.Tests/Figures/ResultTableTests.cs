using LatentWorkbench.Figures;

namespace LatentWorkbench.Tests.Figures;

public class ResultTableTests
{
    private static ResultTable Sample() => new ResultTable("method", "k", "score")
        .AddRow("pca", 2, 0.123456789)
        .AddRow("koopman, \"edmd\"", 16, double.NaN)
        .AddRow("<tsne>", 128, null);

    [Fact]
    public void Text_aligns_columns_with_numbers_right_aligned()
    {
        var expected = string.Join('\n',
            "method             k     score",
            "---------------  ---  --------",
            "pca                2  0.123457",
            "koopman, \"edmd\"   16       NaN",
            "<tsne>           128",
            "");
        Assert.Equal(expected, Sample().ToText());
    }

    [Fact]
    public void Csv_quotes_as_rfc4180_and_keeps_full_precision()
    {
        var expected = string.Join('\n',
            "method,k,score",
            "pca,2,0.123456789",
            "\"koopman, \"\"edmd\"\"\",16,NaN",
            "<tsne>,128,",
            "");
        Assert.Equal(expected, Sample().ToCsv());
    }

    [Fact]
    public void Html_encodes_text_and_right_aligns_numbers()
    {
        var html = Sample().WithTitle("R&D").ToHtml();
        const string th = "<th style=\"cursor:pointer\" title=\"click to sort\" onclick=\"lwbSortTable(this)\">";
        Assert.StartsWith($"<table class=\"lwb-result-table\"><caption>R&amp;D</caption><thead><tr>{th}method</th>{th}k</th>{th}score</th></tr></thead>", html);
        Assert.Contains("<td>&lt;tsne&gt;</td>", html);
        // Numbers sort by their full value, not by the rounded text shown.
        Assert.Matches("<td style=\"text-align:right\" data-value=\"0\\.12345[0-9]*\">0.123457</td>", html);
        Assert.Contains("<td>koopman, &quot;edmd&quot;</td>", html);
        Assert.Contains("</tbody></table><script>window.lwbSortTable = window.lwbSortTable ||", html);
        Assert.EndsWith("</script>", html);
        var bundle = Sample().ToMimeBundle();
        Assert.Equal(Sample().ToHtml(), bundle["text/html"]);
        Assert.Equal(Sample().ToText(), bundle["text/plain"]);
    }

    [Fact]
    public void Digits_round_only_the_display()
    {
        var table = new ResultTable("name", "value").AddRow("a", 0.123456789).AddRow("b", 2.5f).AddRow("c", double.NaN).AddRow("d", 7).WithDigits(3);
        Assert.Contains("0.123", table.ToText());
        Assert.DoesNotContain("0.1235", table.ToText());
        Assert.Contains("2.500", table.ToText());
        Assert.Contains("NaN", table.ToText());
        Assert.Contains(" 7\n", table.ToText());
        Assert.Contains("data-value=\"0.123456789\">0.123<", table.ToHtml());
        Assert.Contains("0.123456789", table.ToCsv());
        Assert.Equal(0.123456789, table[0, "value"]);
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => table.WithDigits(-1));
        Assert.Equal("digits", ex.ParamName);
    }

    [Fact]
    public void Rows_must_match_the_columns()
    {
        var e = Assert.Throws<ArgumentException>(() => new ResultTable("a", "b").AddRow(1));
        Assert.Contains("1 values but the table has 2 columns", e.Message);
        Assert.Throws<ArgumentException>(() => new ResultTable("a", "a"));
        Assert.Throws<ArgumentException>(() => new ResultTable());
    }

    private sealed record Run(string Name, int Epochs, double Loss);

    [Fact]
    public void From_records_uses_properties_in_declaration_order()
    {
        var t = ResultTable.FromRecords([new Run("a", 3, 0.5), new Run("b", 4, 0.25)]);
        Assert.Equal(["Name", "Epochs", "Loss"], t.Columns);
        Assert.Equal(0.25, t[1, "Loss"]);
        Assert.Throws<KeyNotFoundException>(() => t[0, "loss"]);
    }

    [Fact]
    public void Save_csv_writes_the_csv_text()
    {
        var dir = Directory.CreateTempSubdirectory("lwb-table-").FullName;
        try
        {
            var path = Path.Combine(dir, "t.csv");
            Sample().SaveCsv(path);
            Assert.Equal(Sample().ToCsv(), File.ReadAllText(path));
            Assert.Single(Directory.GetFiles(dir));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
