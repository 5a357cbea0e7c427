using LatentWorkbench.Notebooks.Documents;
using LatentWorkbench.Notebooks.Running;

namespace LatentWorkbench.Notebooks.Tests;

public sealed class ParameterTests
{
    private const string ParametersCell = """
        // defaults
        var epochs = 10;
        double lr = 0.1;
        var name = "base";
        bool Quick = false;
        var tol = 1e-3;
        float scale = 2f;
        long steps = 5;
        var Seed = 0UL;
        Func<int, int> notAParameter = x => { var inner = 3; return x + inner; };
        """;

    private static NotebookDocument Notebook()
    {
        var doc = NotebookDocument.CreateCSharp();
        doc.Cells.Add(NotebookCell.Markdown("# t"));
        var parameters = NotebookCell.CSharp(ParametersCell);
        parameters.AddTag("parameters");
        doc.Cells.Add(parameters);
        doc.Cells.Add(NotebookCell.CSharp("Console.WriteLine(epochs);"));
        return doc;
    }

    [Fact]
    public void Declared_types_come_from_the_parameters_cell()
    {
        var types = NotebookParameters.DeclaredTypes(ParametersCell);
        Assert.Equal("int", types["epochs"]);
        Assert.Equal("double", types["lr"]);
        Assert.Equal("string", types["name"]);
        Assert.Equal("bool", types["Quick"]);
        Assert.Equal("double", types["tol"]);
        Assert.Equal("float", types["scale"]);
        Assert.Equal("long", types["steps"]);
        Assert.Equal("ulong", types["Seed"]);
        Assert.False(types.ContainsKey("inner"));
    }

    [Fact]
    public void Injected_cell_follows_parameters_cell_with_typed_assignments()
    {
        var doc = Notebook();
        var cell = NotebookParameters.Inject(doc,
            [new("epochs", "3"), new("lr", "1"), new("name", "say \"hi\"\n"), new("tol", "NaN"), new("scale", "0.5"), new("steps", "7"), new("extra", "2.5"), new("label", "abc")],
            quick: true);
        Assert.NotNull(cell);
        Assert.Same(cell, doc.Cells[2]);
        Assert.True(cell.HasTag("injected-parameters"));
        Assert.Equal("""
            // Parameters injected by lwb notebook run
            epochs = 3;
            lr = 1.0;
            name = "say \"hi\"\n";
            tol = double.NaN;
            scale = 0.5f;
            steps = 7L;
            var extra = 2.5;
            var label = "abc";
            Quick = true;

            """.ReplaceLineEndings("\n"), cell.Source);
    }

    [Fact]
    public void A_ulong_seed_gets_a_ulong_literal()
    {
        var cell = NotebookParameters.Inject(Notebook(), [new("Seed", "7")], quick: false)!;
        Assert.Contains("Seed = 7UL;", cell.Source);
    }

    [Fact]
    public void Reinjecting_replaces_the_previous_injected_cell()
    {
        var doc = Notebook();
        NotebookParameters.Inject(doc, [new("epochs", "3")], quick: false);
        NotebookParameters.Inject(doc, [new("epochs", "4")], quick: false);
        var injected = Assert.Single(doc.Cells, c => c.HasTag("injected-parameters"));
        Assert.Contains("epochs = 4;", injected.Source);
        Assert.Equal("4", doc.Metadata["lwb"]!["parameters"]!["epochs"]!.GetValue<string>());
    }

    [Fact]
    public void Explicit_quick_parameter_wins_over_flag()
    {
        var doc = Notebook();
        var cell = NotebookParameters.Inject(doc, [new("Quick", "false")], quick: true)!;
        Assert.Contains("Quick = false;", cell.Source);
        Assert.DoesNotContain("Quick = true;", cell.Source);
    }

    [Fact]
    public void Without_overrides_nothing_is_injected()
    {
        var doc = Notebook();
        Assert.Null(NotebookParameters.Inject(doc, [], quick: false));
        Assert.Equal(3, doc.Cells.Count);
    }

    [Fact]
    public void Without_parameters_cell_injection_goes_first()
    {
        var doc = NotebookDocument.CreateCSharp();
        doc.Cells.Add(NotebookCell.CSharp("Console.WriteLine(1);"));
        var warnings = new StringWriter();
        NotebookParameters.Inject(doc, [new("n", "2")], quick: true, "demo.ipynb", warnings);
        Assert.Equal("// Parameters injected by lwb notebook run\nvar n = 2;\nvar Quick = true;\n", doc.Cells[0].Source);
        Assert.Contains("demo.ipynb has no code cell tagged 'parameters'", warnings.ToString());
        Assert.Contains("(n, Quick)", warnings.ToString());

        var tagged = Notebook();
        var quiet = new StringWriter();
        NotebookParameters.Inject(tagged, [new("epochs", "3")], quick: false, "demo.ipynb", quiet);
        Assert.Equal("", quiet.ToString());
    }

    [Theory]
    [InlineData("epochs", "three", "int")]
    [InlineData("Quick", "maybe", "true or false")]
    [InlineData("lr", "fast", "a number")]
    [InlineData("Seed", "-1", "a non-negative integer")]
    public void Values_that_do_not_fit_the_declared_type_are_rejected(string name, string value, string expected)
    {
        var e = Assert.Throws<ArgumentException>(() => NotebookParameters.Inject(Notebook(), [new(name, value)], quick: false, "demo.ipynb"));
        Assert.Contains($"Parameter '{name}' of demo.ipynb", e.Message);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void Invalid_parameter_name_is_rejected()
    {
        var e = Assert.Throws<ArgumentException>(() => NotebookParameters.Inject(Notebook(), [new("not valid", "1")], quick: false));
        Assert.Contains("'not valid'", e.Message);
    }
}
