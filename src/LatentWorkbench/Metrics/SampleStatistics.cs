namespace LatentWorkbench.Metrics;

/// <summary>Mean and spread of a few repeated measurements, e.g. one number over several seeds.</summary>
public static class SampleStatistics
{
    /// <summary>
    /// The mean of <paramref name="values"/> [n] and their sample standard deviation (n - 1 in the denominator);
    /// a single value has sd 0 (no spread to estimate).
    /// </summary>
    public static (double Mean, double Sd) MeanAndSd(ReadOnlySpan<double> values)
    {
        if (values.IsEmpty) throw new ArgumentException("at least one value is needed", nameof(values));
        double sum = 0;
        foreach (double v in values) sum += v;
        double mean = sum / values.Length;
        if (values.Length < 2) return (mean, 0);
        double ss = 0;
        foreach (double v in values) ss += (v - mean) * (v - mean);
        return (mean, Math.Sqrt(ss / (values.Length - 1)));
    }
}
