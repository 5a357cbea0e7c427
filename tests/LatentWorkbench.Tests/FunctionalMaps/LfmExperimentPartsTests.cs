using LatentWorkbench.Interop;
using LatentWorkbench.FunctionalMaps;
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
        var curve = LfmPerturbation.Run(p.ToTensor(), labels, 0, [0.0, 20.0], neighbors: 8, eigenpairs: 12);
        Assert.Equal(1.0, curve[0].Cka, 10);
        Assert.Equal(1.0, curve[0].Lfm, 10);
        Assert.True(curve[1].Cka < 0.5);
    }

    [Fact]
    public void ClusteredEmbeddingsKeepLfmSimilarityWhileCkaFalls()
    {
        // The paper's claim on a classifier's (clustered) embeddings: moving one class far away changes the global
        // geometry (CKA falls) but barely the kNN graph, so the LFM similarity stays high.
        var rng = new Random(5);
        const int n = 500, d = 8;
        var centres = Enumerable.Range(0, 5).Select(_ => Enumerable.Range(0, d).Select(_ => rng.NextDouble() * 10 - 5).ToArray()).ToArray();
        var labels = Enumerable.Range(0, n).Select(i => i % 5).ToArray();
        var p = TensorInterop.ToPoints(labels.Select(l => centres[l].Select(v => v + 0.7 * (rng.NextDouble() * 2 - 1)).ToArray()).ToArray()).ToTensor();
        double scale = LfmPerturbation.MeanNorm(p);
        var curve = LfmPerturbation.Run(p, labels, 0, [0.0, 2 * scale, 4 * scale], neighbors: 20, eigenpairs: 30);
        Assert.True(curve[2].Cka < 0.8, $"CKA {curve[2].Cka:F3}");
        Assert.All(curve, c => Assert.True(c.Lfm > 0.95, $"LFM {c.Lfm:F3} at shift {c.Shift:F1}"));
    }

    [Fact]
    public void RetrievalRejectsUnpairedSpaces()
    {
        var ex = Assert.Throws<ArgumentException>(() => LfmRetrieval.Run(LfmFixtures.Gaussian(50, 3, 1).ToTensor(), LfmFixtures.Gaussian(40, 3, 2).ToTensor(), [5], 0));
        Assert.Contains("50", ex.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => LfmRetrieval.Anchors(10, 1, 0));
    }
}
