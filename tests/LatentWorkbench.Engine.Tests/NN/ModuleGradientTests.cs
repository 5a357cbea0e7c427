using LatentWorkbench.Engine.NN;

namespace LatentWorkbench.Engine.Tests.NN;

/// <summary>Finite-difference checks of each module's gradients with respect to its input and all of its parameters.</summary>
public class ModuleGradientTests
{
    private static void CheckModule(Module module, Tensor input, double tolerance = 2e-2, float eps = 1e-2f)
    {
        var parameters = module.Parameters().ToArray();
        GradCheck.Check(x => module.Call(x[0]), [input, .. parameters], eps, tolerance);
    }

    private static Generator G(ulong seed) => new(seed);

    [Fact] public void Linear() => CheckModule(new Linear(4, 3, generator: G(1)), GradCheck.Random(2, 5, 4));

    [Fact] public void LinearWithoutBiasOnRank3Input() => CheckModule(new Linear(3, 2, bias: false, generator: G(1)), GradCheck.Random(2, 2, 4, 3));

    [Fact]
    public void SequentialOfLinearAndActivations() => CheckModule(
        new Sequential(new Linear(3, 6, generator: G(1)), new Tanh(), new Linear(6, 5, generator: G(2)), new Sigmoid(),
            new Linear(5, 4, generator: G(3)), new SiLU(), new Linear(4, 2, generator: G(4)), new Softplus(), new GELU()),
        GradCheck.Random(5, 4, 3));

    [Fact]
    public void LeakyReluAndEluAwayFromTheirKinks()
    {
        var x = Tensor.FromArray([-1.5f, -0.4f, -0.1f, 0.2f, 0.7f, 1.3f], 2, 3);
        CheckModule(new LeakyReLU(0.2f), x);
        CheckModule(new ELU(0.7f), x.Detach());
    }

    [Fact]
    public void EluChain() => CheckModule(
        new Sequential(new Linear(3, 4, generator: G(1)), new ELU(), new Linear(4, 4, generator: G(2)), new ELU()),
        GradCheck.Random(8, 6, 3)); // ELU with alpha 1 is continuously differentiable at 0

    [Fact] public void Conv2d() => CheckModule(new Conv2d(2, 3, 3, stride: 2, padding: 1, generator: G(1)), GradCheck.Random(2, 2, 2, 5, 5));

    [Fact]
    public void ConvTranspose2d() => CheckModule(new ConvTranspose2d(3, 2, 3, stride: 2, padding: 1, outputPadding: 1, generator: G(1)),
        GradCheck.Random(2, 1, 3, 3, 3));

    [Fact] public void BatchNorm1dTraining() => CheckModule(new BatchNorm1d(3), GradCheck.Random(2, 6, 3));

    [Fact]
    public void BatchNorm2dEvaluation()
    {
        var bn = new BatchNorm2d(2);
        bn.RunningMean!.CopyFrom(Tensor.FromArray([0.3f, -0.2f], 2));
        bn.RunningVar!.CopyFrom(Tensor.FromArray([1.5f, 0.7f], 2));
        bn.Eval();
        CheckModule(bn, GradCheck.Random(2, 2, 2, 3, 3));
    }

    [Fact] public void GroupNorm() => CheckModule(new GroupNorm(2, 4), GradCheck.Random(2, 3, 4, 2, 2));

    [Fact] public void LayerNorm() => CheckModule(new LayerNorm(5), GradCheck.Random(2, 3, 5));

    [Fact]
    public void ConvEncoderWithPoolingFlattenAndDecoder() => CheckModule(
        new Sequential(
            new Conv2d(1, 2, 3, padding: 1, generator: G(1)), new ReLU(), new AvgPool2d(2), new Flatten(),
            new Linear(8, 8, generator: G(2)), new Unflatten(1, [2, 2, 2]), new Upsample(2), new MaxPool2d(2)),
        GradCheck.Random(2, 2, 1, 4, 4));
}
