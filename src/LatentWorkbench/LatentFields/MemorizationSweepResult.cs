using System.Text.Json.Nodes;
using LatentWorkbench.Figures;

namespace LatentWorkbench.Experiments;

/// <summary>The sweep's rows, as JSON (the CLI's format) or as figures.</summary>
public sealed record MemorizationSweepResult(IReadOnlyList<MemorizationRow> Rows)
{
    /// <summary>{"rows": [{"dataset", "k", "attractors", "memorization_mean", "memorization_std", "null_memorization", "test_mse"}]}.</summary>
    public JsonObject ToJson()
    {
        var rows = new JsonArray();
        foreach (var r in Rows)
            rows.Add(new JsonObject
            {
                ["dataset"] = r.Dataset,
                ["k"] = r.K,
                ["attractors"] = r.Attractors,
                ["memorization_mean"] = LatentFieldSupport.Round(r.MemorizationMean),
                ["memorization_std"] = LatentFieldSupport.Round(r.MemorizationStd),
                ["null_memorization"] = LatentFieldSupport.Round(r.NullMemorization),
                ["test_mse"] = LatentFieldSupport.Round(r.TestMse),
            });
        return new JsonObject { ["rows"] = rows };
    }

    /// <summary>Three panels against k (log axis): memorisation with the null baseline, test MSE, number of attractors.</summary>
    public Figure ToFigure()
    {
        var fig = Figure.Subplots(1, 3, ["memorisation coefficient vs k", "test MSE vs k", "attractors vs k"]);
        foreach (var ds in Rows.Select(r => r.Dataset).Distinct())
        {
            var sel = Rows.Where(r => r.Dataset == ds).OrderBy(r => r.K).ToList();
            var ks = sel.Select(r => (double)r.K).ToArray();
            fig.Add(Plot.Scatter(ks, sel.Select(r => r.MemorizationMean).ToArray(), $"{ds} attractors", ScatterMode.LinesMarkers), 1, 1);
            fig.Add(Plot.Scatter(ks, sel.Select(r => r.NullMemorization).ToArray(), $"{ds} null (test images)", ScatterMode.Lines), 1, 1);
            fig.Add(Plot.Scatter(ks, sel.Select(r => r.TestMse).ToArray(), $"{ds} test MSE", ScatterMode.LinesMarkers), 1, 2);
            fig.Add(Plot.Scatter(ks, sel.Select(r => (double)r.Attractors).ToArray(), $"{ds} attractors", ScatterMode.LinesMarkers), 1, 3);
        }
        for (int c = 1; c <= 3; c++) fig.WithXAxis("k", log: true, col: c);
        fig.WithYAxis("max cosine to training set", col: 1).WithYAxis("MSE", col: 2).WithYAxis("count", log: true, col: 3);
        return fig.WithSize(1300, 430);
    }
}
