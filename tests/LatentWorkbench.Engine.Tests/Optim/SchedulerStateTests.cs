using LatentWorkbench.Engine.Optim;

namespace LatentWorkbench.Engine.Tests.Optim;

/// <summary>A scheduler restored from its state dict continues exactly the sequence of one that never stopped.</summary>
public class SchedulerStateTests
{
    // Two groups, so per-group base rates are exercised; SGD with momentum so cycled momenta show up.
    private static SGD Optimizer() => new([new ParamGroup([Tensor.Zeros(2)]), new ParamGroup([Tensor.Zeros(3)], lr: 0.02)], lr: 0.1, momentum: 0.9);

    public static TheoryData<string> Schedules => ["step", "multistep", "cosine", "onecycle", "cyclic", "triangular", "lambda"];

    private static LRScheduler Build(string name, Optimizer o) => name switch
    {
        "step" => new StepLR(o, stepSize: 3, gamma: 0.5),
        "multistep" => new MultiStepLR(o, [2, 5, 9], gamma: 0.3),
        "cosine" => new CosineAnnealingLR(o, tMax: 7, etaMin: 1e-4),
        "onecycle" => new OneCycleLR(o, maxLr: 0.3, totalSteps: 20, threePhase: true),
        "cyclic" => new CyclicLR(o, baseLr: 0.01, maxLr: 0.2, stepSizeUp: 3, stepSizeDown: 4, mode: CyclicMode.Triangular2),
        "triangular" => new TriangularLR(o, totalSteps: 15, peakFraction: 0.3),
        "lambda" => new LambdaLR(o, step => 1.0 / (1 + step * step)),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    private static List<(long, long, long, long)> Steps(LRScheduler s, int count)
    {
        var trace = new List<(long, long, long, long)>();
        for (int i = 0; i < count; i++)
        {
            s.Step();
            var g = s.Optimizer.ParamGroups;
            trace.Add((BitConverter.DoubleToInt64Bits(g[0].LearningRate), BitConverter.DoubleToInt64Bits(g[1].LearningRate),
                BitConverter.DoubleToInt64Bits(g[0].Momentum), BitConverter.DoubleToInt64Bits(g[1].Momentum)));
        }
        return trace;
    }

    [Theory]
    [MemberData(nameof(Schedules))]
    public void ResumedSchedulerContinuesTheSameSequence(string name)
    {
        var straight = Build(name, Optimizer());
        Steps(straight, 6);
        var expected = Steps(straight, 10);

        var first = Build(name, Optimizer());
        Steps(first, 6);
        var state = first.StateDict();
        Assert.Equal(6, first.LastEpoch);

        // A fresh optimizer and scheduler built the same way, somewhere else in the schedule (as after a restart).
        var resumed = Build(name, Optimizer());
        resumed.Step();
        resumed.LoadStateDict(state);
        Assert.Equal(6, resumed.LastEpoch);
        Assert.Equal(first.LastLearningRates, resumed.LastLearningRates);
        Assert.Equal(expected, Steps(resumed, 10));
    }

    [Fact]
    public void BaseRatesComeFromTheStateNotTheNewOptimizer()
    {
        var first = new StepLR(Optimizer(), stepSize: 2, gamma: 0.5);
        var state = first.StateDict();
        var other = new SGD([new ParamGroup([Tensor.Zeros(2)]), new ParamGroup([Tensor.Zeros(3)])], lr: 7, momentum: 0.9);
        var resumed = new StepLR(other, stepSize: 2, gamma: 0.5);
        resumed.LoadStateDict(state);
        Assert.Equal([0.1, 0.02], resumed.BaseLearningRates);
        Assert.Equal([0.1, 0.02], resumed.LastLearningRates);
    }

    [Fact]
    public void MismatchedOrForeignStateIsRejectedWithTheKey()
    {
        var state = new StepLR(Optimizer(), stepSize: 2).StateDict();
        var oneGroup = new StepLR(new SGD([Tensor.Zeros(2)], lr: 0.1), stepSize: 2);
        var e = Assert.Throws<ArgumentException>(() => oneGroup.LoadStateDict(state));
        Assert.Contains("base_lrs", e.Message);
        var extra = new Dictionary<string, Tensor>(state) { ["gamma"] = Tensor.Zeros(1) };
        e = Assert.Throws<ArgumentException>(() => new StepLR(Optimizer(), stepSize: 2).LoadStateDict(extra));
        Assert.Contains("'gamma'", e.Message);
        // A step the schedule does not define (OneCycleLR ends after totalSteps) is refused as stepping there would be.
        var late = new StepLR(Optimizer(), stepSize: 2);
        for (int i = 0; i < 9; i++) late.Step();
        var oneCycle = new OneCycleLR(Optimizer(), maxLr: 0.3, totalSteps: 5);
        Assert.ThrowsAny<InvalidOperationException>(() => oneCycle.LoadStateDict(late.StateDict()));
    }
}
