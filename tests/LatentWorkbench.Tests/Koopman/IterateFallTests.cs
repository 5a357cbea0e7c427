using System.Text.Json.Nodes;
using LatentWorkbench.Figures;
using LatentWorkbench.Koopman;
using LatentWorkbench.Reproduction;

namespace LatentWorkbench.Tests.Koopman;

/// <summary>The why-koopman controlled experiment: its options, its conditions on a tiny study, and the hypotheses' rule.</summary>
public class IterateFallTests
{
    [Theory]
    [InlineData("Points")]
    [InlineData("FewerPoints")]
    [InlineData("IsometryWeights")]
    [InlineData("TrainingEpochs")]
    [InlineData("Epochs")]
    [InlineData("ReferenceQuantile")]
    [InlineData("PaperIterateFraction")]
    [InlineData("PaperLayerQuantile")]
    [InlineData("AbsoluteThreshold")]
    [InlineData("IterationFactor")]
    [InlineData("Isometry")]
    public void ValidationNamesTheBadOption(string option)
    {
        var bad = option switch
        {
            "Points" => new IterateFallOptions { Points = 2, FewerPoints = 1 },
            "FewerPoints" => new IterateFallOptions { Points = 100, FewerPoints = 100 },
            "IsometryWeights" => new IterateFallOptions { IsometryWeights = [1f, -1f] },
            "TrainingEpochs" => new IterateFallOptions { TrainingEpochs = [0] },
            "Epochs" => new IterateFallOptions { Epochs = 0 },
            "ReferenceQuantile" => new IterateFallOptions { ReferenceQuantile = 1 },
            "PaperIterateFraction" => new IterateFallOptions { PaperIterateFraction = 0 },
            "PaperLayerQuantile" => new IterateFallOptions { PaperLayerQuantile = -0.5 },
            "AbsoluteThreshold" => new IterateFallOptions { AbsoluteThreshold = double.NaN },
            "IterationFactor" => new IterateFallOptions { IterationFactor = 1 },
            _ => new IterateFallOptions { Isometry = float.PositiveInfinity },
        };
        var error = Assert.ThrowsAny<ArgumentException>(bad.Validate);
        Assert.Equal(option, error.ParamName);
        Assert.StartsWith(option, error.Message, StringComparison.Ordinal);
        new IterateFallOptions().Validate();
    }

    [Fact]
    public void ConditionsChangeOneFactorAndSameSeedGivesSameNumbers()
    {
        var study = TinyYinYang();
        var options = new IterateFallOptions { Points = 60, FewerPoints = 30, Epochs = 2, IsometryWeights = [0f], TrainingEpochs = [1], Seed = 3 };
        var result = IterateFall.Run(study, options);
        int k = study.Config.Steps;
        double scale = KoopmanTopology.Scale(study);
        var target = study.TestLayers[^1].Narrow(0, 0, 60).Contiguous();

        Assert.Equal(new[] { "control", "isometry", "epochs", "threshold", "threshold", "threshold", "threshold", "points", "iterations" }, result.Conditions.Select(c => c.Factor).ToArray());
        var control = result.Control;
        // The control's threshold is the target's median merge scale, independent of the surrogate.
        Assert.Equal(KoopmanTopology.DataThreshold(target, scale), control.Threshold);
        Assert.All(result.Conditions.Where(c => c.Factor is "isometry" or "epochs" or "iterations"), c => Assert.Equal(control.Threshold, c.Threshold));
        Assert.Equal((0f, 2), (result.Conditions[1].Isometry, result.Conditions[1].Epochs));
        Assert.Equal((1e-3f, 1), (result.Conditions[2].Isometry, result.Conditions[2].Epochs));
        Assert.All(result.Conditions, c => Assert.Equal(c.Factor == "iterations" ? 2 * k + 1 : k + 1, c.Betti0.Length));

        // The readouts of the control surrogate re-read the same iterates: the first k + 1 of the longer run are the control's.
        var longer = result.Conditions[^1];
        Assert.Equal(control.Betti0, longer.Betti0.Take(k + 1).ToArray());
        Assert.Equal(control.MergeScale, longer.MergeScale.Take(k + 1).ToArray());
        Assert.Equal(control.SurrogateAccuracy, longer.SurrogateAccuracy);
        // The paper-quantile eps is the death at index floor(q (n - 1)) of iterate 0, so that many + 1 components have merged.
        var quantile = result.Conditions[3];
        Assert.Equal(60 - ((int)Math.Floor((1 - 0.8633) * 59) + 1), quantile.Betti0[0]);
        var first = study.TestLayers[0].Narrow(0, 0, 60).Contiguous();
        Assert.Equal(KoopmanTopology.DataThreshold(first, scale, 1 - 0.0368), result.Conditions[4].Threshold);
        // No threshold shows a steeper fall of the control's iterates than the steepest one.
        var steepest = result.Conditions[5];
        Assert.All(result.Conditions.Where(c => c.Factor is "control" or "threshold"), c => Assert.True(c.FallFactor <= steepest.FallFactor));
        Assert.Equal(0.14, result.Conditions[6].Threshold);
        Assert.Equal(30, result.Conditions[7].Points);
        Assert.Equal(KoopmanTopology.DataThreshold(target.Narrow(0, 0, 30).Contiguous(), scale), result.Conditions[7].Threshold);

        var again = IterateFall.Run(study, options);
        for (int c = 0; c < result.Conditions.Count; c++)
        {
            Assert.Equal(result.Conditions[c].Betti0, again.Conditions[c].Betti0);
            Assert.Equal(result.Conditions[c].StateMse, again.Conditions[c].StateMse);
            Assert.Equal(result.Conditions[c].Threshold, again.Conditions[c].Threshold);
        }
        var other = IterateFall.Run(study, options with { Seed = 4 });
        Assert.NotEqual(result.Control.StateMse, other.Control.StateMse);

        Assert.NotNull(ResultFigures.For(result));
        Assert.Contains("paper (10,000 points)", KoopmanFigures.IterateFallBars([result, again]).ToJson(), StringComparison.Ordinal);
    }

    [Fact]
    public void SteepestThresholdMaximisesTheRatioOfComponentCounts()
    {
        // 5 points each. First cloud: merges at 1, 2, 3, 4; last cloud: all merged by 0.5 except one gap at 3.5.
        double[] first = [1, 2, 3, 4], last = [0.1, 0.2, 0.3, 3.5];
        // At eps in [0.3, 1): 5 components vs 2, a ratio of 2.5, more than at any other eps (e.g. 1: 4 / 2, 3.5: 1 / 1).
        Assert.Equal(0.3, IterateFall.SteepestThreshold(first, last));
        Assert.Equal(0.0, IterateFall.SteepestThreshold([], []));
    }

    [Fact]
    public void FallFactorAndDegenerateFollowTheirDefinitions()
    {
        var c = new IterateFallCondition("control", "x", 1e-3f, 30, 0.1, 10, [100, 50, 0], [0.2, 0.1, 0.05], 0.9, 0.01, 0.02);
        Assert.Equal(100.0, c.FallFactor);    // an empty last count reads as 1
        Assert.False(c.Degenerate);
        var rising = c with { Betti0 = [100, 400], StateMse = 0.02 };
        Assert.Equal(0.25, rising.FallFactor);
        Assert.True(rising.Degenerate);       // equal to the mean baseline does not beat it
        Assert.True((c with { StateMse = double.NaN }).Degenerate);
    }

    [Theory]
    [InlineData(0, "isometry", 1.15, 0.05, HypothesisVerdict.RuledOut)]
    [InlineData(0, "isometry", 150.0, 20.0, HypothesisVerdict.Supported)]
    [InlineData(1, "threshold", 1.2, 0.1, HypothesisVerdict.RuledOut)]
    [InlineData(1, "points", 3.0, 0.1, HypothesisVerdict.Supported)]    // more than doubles, beyond twice the spread
    [InlineData(1, "points", 1.6, 0.1, HypothesisVerdict.RuledOut)]     // steeper beyond the spread, but not doubled
    [InlineData(1, "threshold", 2.5, 0.6, HypothesisVerdict.Inconclusive)] // doubled, but within twice the spread
    [InlineData(2, "epochs", 1.0, 0.02, HypothesisVerdict.RuledOut)]
    [InlineData(2, "epochs", 97.0, 1.0, HypothesisVerdict.Supported)]
    [InlineData(3, "iterations", 1.3, 0.05, HypothesisVerdict.RuledOut)]
    [InlineData(3, "iterations", 500.0, 10.0, HypothesisVerdict.Supported)]
    public void HypothesisChecksApplyTheRuleToTheSummary(int hypothesis, string factor, double fall, double sd, HypothesisVerdict expected)
    {
        // The control falls by 1.2 ± 0.1; a short-training row with a huge fall must not count for "trained longer".
        var summary = Summary(Row("control", "l4 = 0.001, 30 epochs", 30, 1.2, 0.1), Row("epochs", "8 epochs", 8, 900, 1),
            Row(factor, "changed", 90, fall, sd));
        var check = KoopmanHypotheses.All[hypothesis].Check(summary);
        Assert.NotNull(check);
        Assert.Equal(expected, check.Verdict);
        Assert.StartsWith("control l4 = 0.001, 30 epochs: ", check.Evidence, StringComparison.Ordinal);
        Assert.Contains("changed: ", check.Evidence, StringComparison.Ordinal);
        Assert.Equal(factor == "epochs", check.Evidence.Contains("8 epochs: ", StringComparison.Ordinal));
        Assert.Contains(HypothesisCatalog.All, h => h == KoopmanHypotheses.All[hypothesis]);
    }

    [Fact]
    public void HypothesisChecksNeedTheControlAndTheirRows()
    {
        Assert.Null(KoopmanHypotheses.All[0].Check(Summary(Row("isometry", "l4 = 1", 30, 5, 0))));
        Assert.Null(KoopmanHypotheses.All[3].Check(Summary(Row("control", "c", 30, 1, 0))));
    }

    private static JsonObject Summary(params JsonObject[] rows) => new() { ["rows"] = new JsonArray(rows) };

    private static JsonObject Row(string factor, string setting, int epochs, double fall, double sd) => new()
    {
        // Numbers as doubles, as a summary parsed from results/*.json reads them.
        ["factor"] = factor, ["setting"] = setting, ["epochs"] = (double)epochs,
        ["betti0_first"] = 500.0, ["betti0_last"] = Math.Round(500 / fall),
        ["fall_factor"] = sd == 0 ? fall : new JsonObject { ["mean"] = fall, ["sd"] = sd, ["values"] = new JsonArray(fall - sd, fall + sd) },
    };

    private static KoopmanStudy TinyYinYang() => KoopmanStudy.Run(KoopmanStudyConfig.YinYang(quick: true) with
    {
        Classifier = new ClassifierOptions { Epochs = 3 },
        Koopman = new KoopmanOptions { Epochs = 2, PeakLearningRate = 0.05 },
    });
}
