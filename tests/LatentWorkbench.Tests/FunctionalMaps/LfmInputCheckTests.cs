using LatentWorkbench.Engine;
using LatentWorkbench.FunctionalMaps;
using LatentWorkbench.Graphs;
using LatentWorkbench.Interop;
using LatentWorkbench.Tests.Graphs;

namespace LatentWorkbench.Tests.FunctionalMaps;

/// <summary>Seeded anchors and the argument checks of the LFM entry points: errors name the argument and the expected shape.</summary>
public class LfmInputCheckTests
{
    [Fact]
    public void AnchorsAreTheHeadOfTheSeededPermutationAndUseEveryBitOfTheSeed()
    {
        var anchors = LfmRetrieval.Anchors(200, 12, seed: 3);
        Assert.Equal(new Generator(3).Permutation(200)[..12], anchors);
        Assert.Equal(12, anchors.Distinct().Count());
        Assert.All(anchors, a => Assert.InRange(a, 0, 199));
        Assert.Equal(anchors, LfmRetrieval.Anchors(200, 12, seed: 3));
        // Seeds that agree modulo int.MaxValue (which the old System.Random seeding collapsed) now draw different anchors.
        Assert.NotEqual(LfmRetrieval.Anchors(200, 12, seed: 5), LfmRetrieval.Anchors(200, 12, seed: 5 + (ulong)int.MaxValue));
        Assert.NotEqual(LfmRetrieval.Anchors(200, 12, seed: 0), LfmRetrieval.Anchors(200, 12, seed: 1UL << 40));
    }

    [Fact]
    public void RetrievalErrorsNameTheRealParameters()
    {
        var x = LfmFixtures.Gaussian(50, 3, 1).ToTensor();
        var unpaired = Assert.Throws<ArgumentException>(() => LfmRetrieval.Run(x, LfmFixtures.Gaussian(40, 3, 2).ToTensor(), [5], 0));
        Assert.Equal("latentsY", unpaired.ParamName);
        Assert.Contains("50", unpaired.Message);
        var rank = Assert.Throws<ArgumentException>(() => LfmRetrieval.Run(Tensor.Zeros(50), x, [5], 0));
        Assert.Equal("latentsX", rank.ParamName);
        Assert.Contains("[n, d]", rank.Message);
    }

    [Fact]
    public void ShiftChecksLabelsAndDirectionAgainstThePoints()
    {
        var points = LfmFixtures.Gaussian(10, 3, 4).ToTensor();
        int[] labels = [0, 1, 0, 1, 0, 1, 0, 1, 0, 1];
        var moved = LfmPerturbation.Shift(points, labels, 1, [0, 0, 1], 2.0);
        Assert.Equal(points[1, 2] + 2f, moved[1, 2], 5);
        Assert.Equal(points[0, 2], moved[0, 2]);

        var shortLabels = Assert.Throws<ArgumentException>(() => LfmPerturbation.Shift(points, labels[..9], 1, [0, 0, 1], 2.0));
        Assert.Equal("labels", shortLabels.ParamName);
        Assert.Contains("n = 10", shortLabels.Message);
        var wrongDirection = Assert.Throws<ArgumentException>(() => LfmPerturbation.Shift(points, labels, 1, [0, 1], 2.0));
        Assert.Equal("direction", wrongDirection.ParamName);
        Assert.Contains("d = 3", wrongDirection.Message);
        Assert.Equal("shift", Assert.Throws<ArgumentOutOfRangeException>(() => LfmPerturbation.Shift(points, labels, 1, [0, 0, 1], double.NaN)).ParamName);
    }

    [Fact]
    public void LabelIndicatorsCheckTheLabelsAgainstTheBasis()
    {
        var basis = SpectralBasis.Build(LfmFixtures.Gaussian(60, 3, 5).ToTensor(), neighbors: 8, eigenpairs: 10, DistanceMetric.Euclidean);
        var labels = Enumerable.Range(0, 60).Select(i => i % 2).ToArray();
        Assert.Equal([60, 2], Descriptors.LabelIndicators(basis, labels, 2).Shape);

        var wrongCount = Assert.Throws<ArgumentException>(() => Descriptors.LabelIndicators(basis, labels[..59], 2));
        Assert.Equal("labels", wrongCount.ParamName);
        Assert.Contains("n = 60", wrongCount.Message);
        Assert.Equal("classes", Assert.Throws<ArgumentOutOfRangeException>(() => Descriptors.LabelIndicators(basis, labels, 0)).ParamName);
        Assert.Equal("labels", Assert.Throws<ArgumentOutOfRangeException>(() => Descriptors.LabelIndicators(basis, labels, 1)).ParamName);
        Assert.Equal("labels", Assert.Throws<ArgumentNullException>(() => Descriptors.LabelIndicators(basis, null!, 2)).ParamName);
    }
}
