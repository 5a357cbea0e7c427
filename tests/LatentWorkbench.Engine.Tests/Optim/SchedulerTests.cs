using LatentWorkbench.Engine.Optim;

namespace LatentWorkbench.Engine.Tests.Optim;

/// <summary>Learning-rate schedules against PyTorch's formulas evaluated by hand at chosen steps.</summary>
public class SchedulerTests
{
    private static SGD Sgd(double lr, double momentum = 0) => new([Tensor.Zeros(2)], lr, momentum);

    /// <summary>The learning rate after construction (step 0) and after each of the following steps.</summary>
    private static List<double> Trace(LRScheduler scheduler, int steps, Func<double>? read = null)
    {
        read ??= () => scheduler.Optimizer.LearningRate;
        var values = new List<double> { read() };
        for (int i = 0; i < steps; i++) { scheduler.Step(); values.Add(read()); }
        return values;
    }

    private static void AssertSeq(double[] expected, List<double> actual)
    {
        Assert.Equal(expected.Length, actual.Count);
        for (int i = 0; i < expected.Length; i++) Assert.True(Math.Abs(expected[i] - actual[i]) < 1e-12, $"step {i}: expected {expected[i]}, got {actual[i]}");
    }

    [Fact]
    public void StepLRDecaysEveryStepSize()
    {
        var trace = Trace(new StepLR(Sgd(0.5), stepSize: 3, gamma: 0.1), 6);
        AssertSeq([0.5, 0.5, 0.5, 0.05, 0.05, 0.05, 0.005], trace);
    }

    [Fact]
    public void MultiStepLRDecaysAtMilestones()
    {
        var trace = Trace(new MultiStepLR(Sgd(1), [4, 2], gamma: 0.5), 5);
        AssertSeq([1, 1, 0.5, 0.5, 0.25, 0.25], trace);
    }

    [Fact]
    public void CosineAnnealingHalfPeriod()
    {
        var trace = Trace(new CosineAnnealingLR(Sgd(1), tMax: 10, etaMin: 0.1), 10);
        Assert.Equal(1.0, trace[0], 12);
        Assert.Equal(0.55, trace[5], 12);                                   // cos(pi/2) = 0: halfway between
        Assert.Equal(0.1 + 0.9 * (1 + Math.Cos(Math.PI * 0.3)) / 2, trace[3], 12);
        Assert.Equal(0.1, trace[10], 12);
    }

    [Fact]
    public void TriangularRisesToPeakAtTwentyPercentThenFallsToZero()
    {
        var trace = Trace(new TriangularLR(Sgd(0.1), totalSteps: 10, peakFraction: 0.2), 11);
        AssertSeq([0, 0.05, 0.1, 0.0875, 0.075, 0.0625, 0.05, 0.0375, 0.025, 0.0125, 0, 0], trace);
    }

    [Fact]
    public void OneCycleCosineFollowsPyTorchPhases()
    {
        var opt = Sgd(0.123, momentum: 0.9);
        var scheduler = new OneCycleLR(opt, maxLr: 1.0, totalSteps: 10, pctStart: 0.3);
        var momenta = new List<double> { opt.ParamGroups[0].Momentum };
        var lrs = new List<double> { opt.LearningRate };
        for (int i = 0; i < 9; i++) { scheduler.Step(); lrs.Add(opt.LearningRate); momenta.Add(opt.ParamGroups[0].Momentum); }
        // initial = 1/25 = 0.04, min = 0.04/1e4; phase 1 ends at step 0.3*10 - 1 = 2, phase 2 at step 9.
        Assert.Equal(0.04, lrs[0], 12);
        Assert.Equal(1 + (0.04 - 1) / 2, lrs[1], 12);                     // pct 1/2: cos(pi/2) + 1 = 1
        Assert.Equal(1.0, lrs[2], 12);
        Assert.Equal(4e-6 + (1 - 4e-6) / 2 * (Math.Cos(Math.PI * 3 / 7) + 1), lrs[5], 12);
        Assert.Equal(4e-6, lrs[9], 12);
        Assert.Equal(0.95, momenta[0], 12);
        Assert.Equal(0.85, momenta[2], 12);
        Assert.Equal(0.95, momenta[9], 12);
        Assert.Equal(0.04, opt.ParamGroups[0].InitialLearningRate);
        scheduler.Step();                                                    // step 10 == totalSteps is still allowed
        Assert.Throws<InvalidOperationException>(() => scheduler.Step());
    }

    [Fact]
    public void OneCycleLinearAnnealing()
    {
        var opt = new Adam([Tensor.Zeros(1)]);
        var trace = Trace(new OneCycleLR(opt, maxLr: 0.5, totalSteps: 5, pctStart: 0.4, annealStrategy: AnnealStrategy.Linear, divFactor: 10, finalDivFactor: 5), 4);
        // initial 0.05, min 0.01; phase 1 ends at step 1, phase 2 at step 4.
        AssertSeq([0.05, 0.5, 0.5 - 0.49 / 3, 0.5 - 2 * 0.49 / 3, 0.01], trace);
        Assert.Equal(0.95, opt.ParamGroups[0].Momentum, 12); // Adam's beta1 is cycled too
    }

    [Fact]
    public void CyclicTriangularWithMomentum()
    {
        var opt = Sgd(0.5, momentum: 0.9);
        var scheduler = new CyclicLR(opt, baseLr: 0.001, maxLr: 0.006, stepSizeUp: 4);
        var lrs = new List<double> { opt.LearningRate };
        var momenta = new List<double> { opt.ParamGroups[0].Momentum };
        for (int i = 0; i < 8; i++) { scheduler.Step(); lrs.Add(opt.LearningRate); momenta.Add(opt.ParamGroups[0].Momentum); }
        AssertSeq([0.001, 0.00225, 0.0035, 0.00475, 0.006, 0.00475, 0.0035, 0.00225, 0.001], lrs);
        Assert.Equal(0.9, momenta[0], 12);
        Assert.Equal(0.85, momenta[2], 12);
        Assert.Equal(0.8, momenta[4], 12);
        Assert.Equal(0.001, opt.ParamGroups[0].InitialLearningRate);
    }

    [Fact]
    public void CyclicTriangular2HalvesEachCycle()
    {
        var trace = Trace(new CyclicLR(Sgd(1), 0.0, 1.0, stepSizeUp: 2, stepSizeDown: 2, mode: CyclicMode.Triangular2, cycleMomentum: false), 10);
        AssertSeq([0, 0.5, 1, 0.5, 0, 0.25, 0.5, 0.25, 0, 0.125, 0.25], trace);
    }

    [Fact]
    public void SchedulersScaleEachGroupFromItsOwnInitialRate()
    {
        var opt = new SGD([new ParamGroup([Tensor.Zeros(1)]), new ParamGroup([Tensor.Zeros(1)], lr: 2.0)], lr: 1.0);
        var scheduler = new StepLR(opt, stepSize: 1, gamma: 0.5);
        scheduler.Step();
        Assert.Equal([0.5, 1.0], scheduler.LastLearningRates);
    }
}
