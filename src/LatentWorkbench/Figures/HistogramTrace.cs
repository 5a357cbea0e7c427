using System.Text.Json.Nodes;

namespace LatentWorkbench.Figures;

/// <summary>How histogram bar heights are normalised.</summary>
public enum HistogramNorm
{
    /// <summary>Samples per bin.</summary>
    Count,
    /// <summary>Fraction of samples (sums to 1).</summary>
    Probability,
    /// <summary>Probability density (area sums to 1), comparable with a pdf.</summary>
    ProbabilityDensity,
}

/// <summary>A histogram binned by plotly in the browser (plotly "histogram").</summary>
public sealed class HistogramTrace : Trace
{
    /// <summary>Creates a histogram of the samples <paramref name="values"/> [n].</summary>
    public HistogramTrace(DataArray values) => Values = values;

    /// <inheritdoc />
    public override string PlotlyType => "histogram";

    /// <summary>Samples, [n]; NaN samples are ignored by plotly.</summary>
    public DataArray Values { get; }

    /// <summary>Maximum number of bins (plotly chooses when null).</summary>
    public int? BinCount { get; set; }

    /// <summary>Explicit bins: start, end and width; overrides <see cref="BinCount"/>.</summary>
    public (double Start, double End, double Size)? Bins { get; set; }

    /// <summary>Normalisation of bar heights.</summary>
    public HistogramNorm Norm { get; set; }

    /// <summary>One CSS colour for every bar (null: plotly's colour cycle).</summary>
    public string? Color { get; set; }

    /// <summary>Sets bin count or explicit bins.</summary>
    public HistogramTrace WithBins(int? count = null, (double Start, double End, double Size)? bins = null)
    {
        if (count is <= 0) throw new ArgumentOutOfRangeException(nameof(count), count, "Bin count must be positive.");
        if (bins is { } b && !(b.Size > 0 && b.End > b.Start))
            throw new ArgumentException($"Bins need End > Start and Size > 0; got start {b.Start}, end {b.End}, size {b.Size}.", nameof(bins));
        BinCount = count;
        Bins = bins;
        return this;
    }

    /// <summary>Sets the normalisation.</summary>
    public HistogramTrace WithNorm(HistogramNorm norm)
    {
        Norm = norm;
        return this;
    }

    /// <summary>Sets the bar colour.</summary>
    public HistogramTrace WithColor(string color)
    {
        Color = color;
        return this;
    }

    private protected override void WriteData(JsonObject o)
    {
        o["x"] = Values.ToJson();
        if (Bins is { } b)
            o["xbins"] = new JsonObject { ["start"] = PlotlyJson.Number(b.Start), ["end"] = PlotlyJson.Number(b.End), ["size"] = PlotlyJson.Number(b.Size) };
        else o.SetIf("nbinsx", BinCount);
        if (Norm != HistogramNorm.Count)
            o["histnorm"] = Norm == HistogramNorm.Probability ? "probability" : "probability density";
        if (Color is not null) o["marker"] = new JsonObject { ["color"] = Color };
    }
}
