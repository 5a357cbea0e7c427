using System.Text.Json.Nodes;
using LatentWorkbench.Figures;
using LatentWorkbench.LatentFields;

namespace LatentWorkbench.Tests.Figures;

/// <summary>The registry that gives a result record its figure in a notebook.</summary>
public class ResultFiguresTests
{
    private record Plain(double Value);

    private record Base(double[] Values);

    private sealed record Derived(double[] Values, string Name) : Base(Values);

    private static JsonObject Parse(Figure f) => JsonNode.Parse(f.ToJson())!.AsObject();

    [Fact]
    public void WorkbenchResultsAreDrawnByTheirMethodsBuilder()
    {
        var sweep = new MemorizationSweepResult([
            new MemorizationRow("mnist", 2, 3, 1.0, 12.5, 0.93, 0.01, 0.86, 2, 0.04),
            new MemorizationRow("mnist", 128, 40, 0.98, 30, 0.87, 0.02, 0.86, 20, 0.01),
        ]);
        var figure = ResultFigures.For(sweep);
        Assert.NotNull(figure);
        Assert.Equal(LatentFieldFigures.Memorization(sweep).ToJson(), figure.ToJson());
    }

    [Fact]
    public void UnregisteredRecordsHaveNoFigureAndDerivedRecordsUseTheirBasesBuilder()
    {
        Assert.Null(ResultFigures.For(new Plain(1)));
        ResultFigures.Register<Base>(b => Figure.Create(Plot.Line(DataArray.Range(b.Values.Length), b.Values, "values")));
        var figure = ResultFigures.For(new Derived([1, 4, 9], "squares"));
        Assert.NotNull(figure);
        var y = Parse(figure)["data"]!.AsArray()[0]!["y"]!.AsArray().Select(v => v!.GetValue<double>());
        Assert.Equal([1.0, 4, 9], y);
    }

    [Fact]
    public void RegisterRejectsANullBuilder() =>
        Assert.Throws<ArgumentNullException>(() => ResultFigures.Register<Plain>(null!));
}
