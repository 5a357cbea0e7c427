using LatentWorkbench.Engine;
using LatentWorkbench.Figures;
using LatentWorkbench.Koopman;
using LatentWorkbench.Topology;

namespace LatentWorkbench.Tests.Koopman;

/// <summary>The common scale and thresholds at which beta_0 of layers and iterates is read, and the isometry ablation.</summary>
public class KoopmanTopologyTests
{
    [Fact]
    public void ScaleTurnsPreprocessedTrainingStatesIntoUnitRmsRowNorm()
    {
        var layers = new[] { Tensor.Randn(new Generator(1), 300, 12) * 3f, Tensor.Rand(new Generator(2), 300, 12) };
        var transforms = LayerPreprocessing.Fit(layers, 8);
        foreach (var (t, x) in transforms.Zip(layers))
        {
            var y = (t.Apply(x) * (float)KoopmanTopology.Scale(300)).ToArray();
            double sumSq = 0;
            foreach (float v in y) sumSq += v * v;
            Assert.Equal(1.0, sumSq / 300, 1e-4);
        }
    }

    [Fact]
    public void DataThresholdIsTheMedianMergeScale()
    {
        // Points on a line with gaps 1, 2, ..., 9: the MST edges are the gaps, so the median death is 5 and beta_0
        // there is 10 - 5 (gaps 1..5 merged).
        var x = new float[10];
        for (int i = 1; i < 10; i++) x[i] = x[i - 1] + i;
        var cloud = Tensor.FromArray(x, 10, 1);
        double eps = KoopmanTopology.DataThreshold(cloud, 1.0);
        Assert.Equal(5.0, eps, 1e-6);
        Assert.Equal([5], KoopmanTopology.Betti0([cloud], eps, 1.0));
        // Scaling the cloud scales the threshold.
        Assert.Equal(10.0, KoopmanTopology.DataThreshold(cloud, 2.0), 1e-5);
        Assert.Throws<ArgumentOutOfRangeException>(() => KoopmanTopology.DataThreshold(cloud, 1.0, 1.0));
    }

    private static KoopmanStudy TinyYinYang(KoopmanStudyConfig? config = null) => KoopmanStudy.Run(config ?? KoopmanStudyConfig.YinYang(quick: true) with
    {
        Classifier = new ClassifierOptions { Epochs = 3 },
        Koopman = new KoopmanOptions { Epochs = 2, PeakLearningRate = 0.05 },
    });

    [Fact]
    public void ExperimentUsesConfiguredThresholdsElseTheMedianMergeScaleOfEachSequencesStart()
    {
        var study = TinyYinYang();
        var betti = BettiAcrossLayers.Run(study);
        var (layers, iterations) = (betti.LayerThreshold, betti.IterateThreshold);
        double scale = KoopmanTopology.Scale(study);
        Assert.Equal(KoopmanTopology.DataThreshold(study.TestLayers[0], scale), layers);
        Assert.Equal(KoopmanTopology.DataThreshold(study.TestIterates()[0], scale), iterations);
        // Each sequence starts at half its points merged.
        int n = study.TestLabels.Length;
        Assert.Equal(n - n / 2, betti.Layers[0]);
        Assert.Equal(n - n / 2, betti.Iterations[0]);
        var paper = TinyYinYang(KoopmanStudyConfig.YinYang(quick: true) with
        {
            Classifier = new ClassifierOptions { Epochs = 3 }, Koopman = new KoopmanOptions { Epochs = 2 }, LayerThreshold = 0.166, IterateThreshold = 0.14,
        });
        var paperBetti = BettiAcrossLayers.Run(paper);
        Assert.Equal((0.166, 0.14), (paperBetti.LayerThreshold, paperBetti.IterateThreshold));
    }

    [Fact]
    public void IsometryAblationGivesConsistentBettiCurvesPerWeight()
    {
        var study = TinyYinYang();
        var result = IsometryAblation.Run(study, new IsometryAblationOptions { Weights = [1f, 0f], Epochs = 2, Points = 120, H1Points = 40, Thresholds = 12 });
        Assert.Equal(2, result.SurrogateAccuracy.Length);
        Assert.All(result.SurrogateAccuracy, a => Assert.InRange(a, 0, 1));
        Assert.Equal(0.0, result.Thresholds[0]);
        for (int w = 0; w < 2; w++)
        {
            Assert.Equal(study.Config.Steps + 1, result.Betti0[w].Length);
            foreach (var curve in result.Betti0[w])
            {
                Assert.Equal(120, curve[0]);  // distinct points are separate components at eps = 0
                Assert.Equal(1, curve[^1]);   // the grid ends at the largest death of all clouds
                for (int t = 1; t < curve.Length; t++) Assert.True(curve[t] <= curve[t - 1], "beta_0 cannot grow with the threshold");
            }
            Assert.Equal(result.Thresholds.Length, result.Betti1Last[w].Length);
            Assert.Equal(0, result.Betti1First[w][0]);
        }
        // The reference threshold defaults to the data threshold of the (shared) last layer.
        Assert.Equal(KoopmanTopology.DataThreshold(study.TestLayers[^1].Narrow(0, 0, 120), result.Scale), result.ReferenceThreshold);
        Assert.NotNull(KoopmanFigures.Ablation(result));
    }

    [Fact]
    public void IsometryAblationRejectsBadWeights()
    {
        var study = TinyYinYang();
        Assert.Contains("Weights", Assert.Throws<ArgumentException>(() => IsometryAblation.Run(study, new IsometryAblationOptions { Weights = [] })).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => IsometryAblation.Run(study, new IsometryAblationOptions { Weights = [-1f] }));
    }
}
