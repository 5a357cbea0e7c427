using LatentWorkbench.Koopman;

namespace LatentWorkbench.Tests.Koopman;

/// <summary>Per-class accuracy against a hand count, and its input checks.</summary>
public class PerClassAccuracyTests
{
    [Fact]
    public void CountsHitsWithinEachClassAndNaNForAnEmptyClass()
    {
        int[] labels = [0, 0, 0, 1, 1, 3];
        int[] predictions = [0, 1, 0, 1, 0, 3];
        var acc = ClassifierTraining.PerClassAccuracy(predictions, labels, classes: 4);
        Assert.Equal(2.0 / 3, acc[0], 12);
        Assert.Equal(0.5, acc[1], 12);
        Assert.True(double.IsNaN(acc[2]));
        Assert.Equal(1.0, acc[3], 12);
    }

    [Fact]
    public void BadInputsAreErrorsNamingTheArgument()
    {
        var length = Assert.Throws<ArgumentException>(() => ClassifierTraining.PerClassAccuracy([0, 1], [0, 1, 1], 2));
        Assert.Equal("predictions", length.ParamName);
        Assert.Contains("n = 3", length.Message);
        var label = Assert.Throws<ArgumentOutOfRangeException>(() => ClassifierTraining.PerClassAccuracy([0, 1], [0, 2], 2));
        Assert.Equal("labels", label.ParamName);
        Assert.Contains("0..1", label.Message);
        Assert.Equal("labels", Assert.Throws<ArgumentOutOfRangeException>(() => ClassifierTraining.PerClassAccuracy([0], [-1], 2)).ParamName);
        Assert.Equal("classes", Assert.Throws<ArgumentOutOfRangeException>(() => ClassifierTraining.PerClassAccuracy([0], [0], 0)).ParamName);
        Assert.Equal("predictions", Assert.Throws<ArgumentNullException>(() => ClassifierTraining.PerClassAccuracy(null!, [0], 1)).ParamName);
    }
}
