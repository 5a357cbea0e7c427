using LatentWorkbench.Experiments;
using LatentWorkbench.Graphs;
using LatentWorkbench.Tests.Graphs;

namespace LatentWorkbench.Tests.FunctionalMaps;

public class LfmExperimentPartsTests
{
    [Fact]
    public void ClassifierNormalPointsAcrossTheSeparatingDirection()
    {
        var p = LfmFixtures.Gaussian(300, 4, 21);
        var labels = new int[300];
        for (int i = 0; i < 300; i++)
        {
            labels[i] = i % 3 == 0 ? 1 : 0;
            if (labels[i] == 1) p.Data[i * 4 + 2] += 6f;  // class 1 sits higher on axis 2
        }
        var w = LfmPerturbation.ClassifierNormal(p, labels, 1);
        Assert.True(w[2] > 0.9, $"normal {w}");
        var moved = LfmPerturbation.Shift(p, labels, 1, w, 2.5);
        for (int j = 0; j < 4; j++) Assert.Equal(p.Data[3 * 4 + j] + 2.5 * w[j], moved.Data[3 * 4 + j], 5);
        Assert.Equal(p.Data[4], moved.Data[4]);
    }

    [Fact]
    public void PerturbationCurveStartsAtOneAndCkaFalls()
    {
        var p = LfmFixtures.Gaussian(240, 3, 22);
        var labels = Enumerable.Range(0, 240).Select(i => i % 4).ToArray();
        var curve = LfmPerturbation.Run(p, labels, 0, [0.0, 20.0], neighbors: 8, eigenpairs: 12);
        Assert.Equal(1.0, curve[0].Cka, 10);
        Assert.Equal(1.0, curve[0].Lfm, 10);
        Assert.True(curve[1].Cka < 0.5);
    }

    [Fact]
    public void RetrievalRejectsUnpairedSpaces()
    {
        var ex = Assert.Throws<ArgumentException>(() => LfmRetrieval.Run(LfmFixtures.Gaussian(50, 3, 1), LfmFixtures.Gaussian(40, 3, 2), [5], 0));
        Assert.Contains("50", ex.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => LfmRetrieval.Anchors(10, 1, 0));
    }
}
