using LatentWorkbench.Metrics;
using Xunit;

namespace LatentWorkbench.Tests.Metrics;

public class SampleStatisticsTests
{
    [Fact]
    public void Mean_and_sample_sd_match_the_closed_form()
    {
        var (mean, sd) = SampleStatistics.MeanAndSd([1.0, 3.0]);
        Assert.Equal(2.0, mean, 15);
        Assert.Equal(Math.Sqrt(2.0), sd, 15); // ((1-2)^2 + (3-2)^2) / (2 - 1) = 2

        (mean, sd) = SampleStatistics.MeanAndSd([2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0]);
        Assert.Equal(5.0, mean, 15);
        Assert.Equal(Math.Sqrt(32.0 / 7.0), sd, 14);
    }

    [Fact]
    public void One_value_has_no_spread_and_none_is_an_error()
    {
        Assert.Equal((0.7, 0.0), SampleStatistics.MeanAndSd([0.7]));
        Assert.Equal("values", Assert.Throws<ArgumentException>(() => SampleStatistics.MeanAndSd(ReadOnlySpan<double>.Empty)).ParamName);
    }
}
