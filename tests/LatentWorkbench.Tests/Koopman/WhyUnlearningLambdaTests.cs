using System.Globalization;
using System.Text.Json.Nodes;
using LatentWorkbench.Engine;
using LatentWorkbench.Engine.Autograd;
using LatentWorkbench.Experiments;
using LatentWorkbench.Koopman;
using LatentWorkbench.Reproduction;

namespace LatentWorkbench.Tests.Koopman;

/// <summary>The why-unlearning-lambda experiment: option errors, the hypothesis rules, and the analysis on a tiny study.</summary>
public class WhyUnlearningLambdaTests
{
    private static readonly Lazy<KoopmanStudy> Study = new(() => KoopmanStudy.Run(KoopmanStudyConfig.YinYang(quick: true) with
    {
        Classifier = new ClassifierOptions { Epochs = 3 },
        Koopman = new KoopmanOptions { Epochs = 2, PeakLearningRate = 0.05 },
    }));

    private static readonly UnlearningLambdaSensitivityOptions Small = new() { Lambdas = [0.1, 3], Selection = new UnlearningOptions { LambdaGrid = [0.1, 1, 10], Seed = 5 } };

    [Fact]
    public void BadOptionsAreErrorsThatNameTheOption()
    {
        void Fails(UnlearningLambdaSensitivityOptions o, string name) =>
            Assert.Contains(name, Assert.ThrowsAny<ArgumentException>(o.Validate).Message);
        var o = new UnlearningLambdaSensitivityOptions();
        o.Validate();
        Fails(o with { Lambdas = [] }, "Lambdas");
        Fails(o with { Lambdas = [0.1, -1] }, "Lambdas");
        Fails(o with { Lambdas = [double.NaN] }, "Lambdas");
        Fails(o with { PaperLambda = 0 }, "PaperLambda");
        Fails(o with { RetainedFraction = 1 }, "RetainedFraction");
        Fails(o with { RetainedFraction = 0 }, "RetainedFraction");
        Fails(o with { Selection = new UnlearningOptions { LambdaGrid = null } }, "Selection.LambdaGrid");
        Assert.Contains("MaxRetainedSamples", Assert.Throws<ArgumentOutOfRangeException>(() =>
            SurrogateUnlearning.EditedOperator(Study.Value, 2, new UnlearningOptions { MaxRetainedSamples = 0 })).Message);
    }

    [Fact]
    public void SameSeedSameNumbersAndEveryConditionMatchesAnIndependentRun()
    {
        var s = Study.Value;
        var r = UnlearningLambdaSensitivity.Run(s, 2, Small);
        var again = UnlearningLambdaSensitivity.Run(s, 2, Small);
        Assert.Equal(r.Control.Lambda, again.Control.Lambda);
        Assert.Equal(r.Control.After, again.Control.After);
        Assert.Equal(r.PaperScale.After, again.PaperScale.After);
        Assert.Equal(r.FewerRetained.After, again.FewerRetained.After);
        Assert.Equal(r.Sweep.Select(p => p.After), again.Sweep.Select(p => p.After));

        // The control is SurrogateUnlearning's own selection; each sweep point the paper's fixed-lambda edit on all rows.
        var control = SurrogateUnlearning.Run(s, 2, Small.Selection);
        Assert.Equal(control.Lambda, r.Control.Lambda);
        Assert.Equal(control.After, r.Control.After);
        Assert.Equal(control.WorstRetainedLoss, r.Control.WorstRetainedLoss);
        Assert.Equal(Math.Abs(Math.Log10(control.Lambda / 0.1)), r.Control.Log10DistanceFromPaper, 12);
        Assert.Equal([0.1, 3], r.Sweep.Select(p => p.Lambda));
        foreach (var p in r.Sweep)
        {
            var fixedRun = SurrogateUnlearning.Run(s, 2, Small.Selection with { LambdaGrid = null, Lambda = p.Lambda });
            Assert.Equal(fixedRun.After, p.After);
            Assert.Equal(fixedRun.After[2], p.ForgetAccuracy);
            Assert.Equal(fixedRun.WorstRetainedLoss, p.WorstRetainedLoss);
        }
        Assert.Same(r.At(3), r.Sweep[1]);
        Assert.Same(r.Sweep[0], r.AtPaperLambda);
        Assert.Null(r.At(0.5));

        // Scales: root mean square row norms of phi(x0) and of the preprocessed first layer (Frobenius norm 100 over n rows).
        Tensor z;
        using (GradMode.NoGrad()) z = s.Surrogate.Encode(s.TrainLayers[0]);
        int n = s.TrainLabels.Length;
        double zRms = Math.Sqrt(z.ToArray().Sum(v => (double)v * v) / n);
        Assert.Equal(zRms, r.ObservableRms, 9);
        Assert.Equal(100 / Math.Sqrt(n), r.LayerRms, 3);
        Assert.Equal(r.LayerRms / r.ObservableRms, r.ScaleFactor, 12);
        Assert.Equal(r.ScaleFactor, r.PaperScale.Scale);

        // Fewer retained rows: a quarter of the control's X_c, same selection otherwise.
        var split = UnlearningSplit.Stratified(s.TrainLabels, 3, 0.2, 5);
        int retained = split.Fit.Count(i => s.TrainLabels[i] != 2);
        Assert.Equal(retained, r.Control.RetainedRows);
        Assert.Equal((int)Math.Round(0.25 * retained), r.FewerRetained.RetainedRows);
        var fewer = SurrogateUnlearning.Run(s, 2, Small.Selection with { MaxRetainedSamples = r.FewerRetained.RetainedRows });
        Assert.Equal(fewer.After, r.FewerRetained.After);

        Assert.Equal(1.0 / 3, r.MajorityAccuracy, 1);
        Assert.Equal(r.SurrogateAccuracy <= r.MajorityAccuracy, r.Degenerate);
    }

    [Fact]
    public void ScaleIsSupportedWhenTheRescaledChoiceComesNearTheNoughtPointOneAndRuledOutWhenItStaysFar()
    {
        var h = Hypothesis("observable scale");
        Assert.Equal(HypothesisVerdict.Supported, h.Check(Summary(controlLambda: 3, scaledLambda: 0.1))!.Verdict);
        Assert.Equal(HypothesisVerdict.RuledOut, h.Check(Summary(controlLambda: 3, scaledLambda: 3))!.Verdict);
        // Within the seed spread: a rescaled distance of 0 ± 0.6 decades decides nothing.
        Assert.Equal(HypothesisVerdict.Inconclusive, h.Check(Summary(controlLambda: 3, scaledLambda: 0.1, scaledDistanceSd: 0.6))!.Verdict);
        Assert.Contains("yinyang lambda 3 vs x1.00 3", h.Check(Summary(controlLambda: 3, scaledLambda: 3))!.Evidence);
    }

    [Fact]
    public void PaperLambdaIsSupportedWhenNoughtPointOneForgetsAndKeepsAndRuledOutWhenItCostsTheOthers()
    {
        var h = Hypothesis("selection rule");
        Assert.Equal(HypothesisVerdict.Supported, h.Check(Summary(forgetAtPaper: 0.05, lossAtPaper: 0.01))!.Verdict);
        Assert.Equal(HypothesisVerdict.RuledOut, h.Check(Summary(forgetAtPaper: 0, lossAtPaper: 0.17))!.Verdict);
        Assert.Equal(HypothesisVerdict.RuledOut, h.Check(Summary(forgetAtPaper: 0.6, lossAtPaper: 0))!.Verdict);
        Assert.Equal(HypothesisVerdict.Inconclusive, h.Check(Summary(forgetAtPaper: 0.05, lossAtPaper: 0.025, lossSd: 0.02))!.Verdict);
    }

    [Fact]
    public void RetainedRowsIsSupportedWhenFewerRowsRaiseTheChoiceAndRuledOutWhenItStays()
    {
        var h = Hypothesis("retained rows");
        Assert.Equal(HypothesisVerdict.Supported, h.Check(Summary(shift: 0.52))!.Verdict);
        Assert.Equal(HypothesisVerdict.RuledOut, h.Check(Summary(shift: 0))!.Verdict);
        Assert.Equal(HypothesisVerdict.Inconclusive, h.Check(Summary(shift: 0.16, shiftSd: 0.28))!.Verdict);
    }

    [Fact]
    public void EveryHypothesisFindsItsNumbersInWhatTheExperimentPrints()
    {
        Assert.Contains(ExperimentCatalog.All, e => e.Name == UnlearningLambdaHypotheses.Experiment);
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "fixtures", "reproduce", "why-unlearning-lambda.json")))!;
        foreach (var h in HypothesisCatalog.All.Where(h => h.Experiment == UnlearningLambdaHypotheses.Experiment))
            Assert.True(h.Check(json) is not null, $"hypothesis '{h.Statement}' finds no numbers");
        Assert.Equal(3, HypothesisCatalog.All.Count(h => h.Experiment == UnlearningLambdaHypotheses.Experiment));
    }

    [Fact]
    public void FigureDrawsMeanAndSampleSdOverSeeds()
    {
        static UnlearningLambdaSensitivityResult Seed(double forgetAt1, double chosen)
        {
            var c = new UnlearningLambdaCondition("control", chosen, 10, 1, [1, 1, 0], 0, 0, 0);
            return new UnlearningLambdaSensitivityResult(2, [1, 1, 1], 1, 1.0 / 3, 1, 1, 1, c, c with { Name = "paper scale" },
                c with { Name = "fewer retained rows" }, 0.1,
                [new UnlearningLambdaPoint(0.1, [0.5, 1, 0], 0, 0.5), new UnlearningLambdaPoint(1, [1, 1, forgetAt1], forgetAt1, 0)]);
        }
        var fig = LatentWorkbench.Figures.KoopmanFigures.LambdaSensitivity([Seed(0.2, 1), Seed(0.6, 3)], "test");
        var forget = (LatentWorkbench.Figures.ScatterTrace)fig.Traces[0];
        Assert.Equal(0.4, forget.Y[1], 12);
        Assert.Equal(Math.Sqrt(0.08), forget.ErrorY!.Value[1], 12);   // (0.2 - 0.4)^2 + (0.6 - 0.4)^2 over n - 1 = 1
        Assert.Equal(0, forget.ErrorY!.Value[0], 12);
        var bars = fig.Traces.OfType<LatentWorkbench.Figures.BarTrace>().Single();
        Assert.Equal(2, bars.Values[0], 12);
        Assert.Equal(Math.Sqrt(2), bars.Errors!.Value[0], 12);
        Assert.Throws<ArgumentException>(() => LatentWorkbench.Figures.KoopmanFigures.LambdaSensitivity([], "none"));
    }

    private static Hypothesis Hypothesis(string prefix) =>
        HypothesisCatalog.All.Single(h => h.Experiment == UnlearningLambdaHypotheses.Experiment && h.Statement.StartsWith(prefix, StringComparison.Ordinal));

    private static string Num(double mean, double sd) => sd == 0
        ? mean.ToString("R", CultureInfo.InvariantCulture)
        : string.Create(CultureInfo.InvariantCulture, $"{{\"mean\": {mean:R}, \"sd\": {sd:R}, \"values\": [0, 0, 0]}}");

    // A seed summary of the shape the experiment writes, the same numbers for both datasets.
    private static JsonNode Summary(double controlLambda = 3, double scaledLambda = 3, double scaledDistanceSd = 0,
        double forgetAtPaper = 0, double lossAtPaper = 0.17, double lossSd = 0, double shift = 0, double shiftSd = 0)
    {
        string Condition(double lambda, double distanceSd, int rows) => string.Create(CultureInfo.InvariantCulture,
            $"{{\"lambda\": {lambda:R}, \"retained_rows\": {rows}, \"forget_accuracy\": 0, \"worst_retained_loss\": 0.006, " +
            $"\"log10_distance_from_paper\": {Num(Math.Abs(Math.Log10(lambda / 0.1)), distanceSd)}}}");
        string Study() => string.Create(CultureInfo.InvariantCulture,
            $"{{\"scale_factor\": 1, \"control\": {Condition(controlLambda, 0, 2700)}, \"paper_scale\": {Condition(scaledLambda, scaledDistanceSd, 2700)}, " +
            $"\"fewer_retained\": {Condition(controlLambda * Math.Pow(10, shift), 0, 675)}, \"log10_lambda_shift_fewer_retained\": {Num(shift, shiftSd)}, " +
            $"\"paper_lambda\": {{\"lambda\": 0.1, \"forget_accuracy\": {forgetAtPaper:R}, \"worst_retained_loss\": {Num(lossAtPaper, lossSd)}}}}}");
        return JsonNode.Parse($"{{\"yinyang\": {Study()}, \"mnist\": {Study()}}}")!;
    }
}
