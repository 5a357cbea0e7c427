namespace LatentWorkbench.Engine.Tests.Ops;

/// <summary>Second derivatives through the core element-wise and softmax rules (their backward passes must be recorded ops).</summary>
public class CoreSecondOrderTests
{
    private static Tensor R(ulong seed, params int[] shape) => GradCheck.Random(seed, shape);
    private static Func<Tensor[], Tensor> D(Func<Tensor[], Tensor> f) => FunctionalGradientTests.FirstDerivatives(f);

    [Fact] public void Exp() => GradCheck.Check(D(x => x[0].Exp()), [R(1, 5)]);
    [Fact] public void Sqrt() => GradCheck.Check(D(x => x[0].Sqrt()), [GradCheck.Positive(1, 5)]);
    [Fact] public void Sigmoid() => GradCheck.Check(D(x => x[0].Sigmoid()), [R(1, 5)]);
    [Fact] public void Tanh() => GradCheck.Check(D(x => x[0].Tanh()), [R(1, 5)]);
    [Fact] public void Silu() => GradCheck.Check(D(x => x[0].Silu()), [R(1, 5)]);
    [Fact] public void Softplus() => GradCheck.Check(D(x => x[0].Softplus()), [R(1, 5)]);
    [Fact] public void Softmax() => GradCheck.Check(D(x => x[0].Softmax(1)), [R(1, 2, 4)]);
    [Fact] public void LogSoftmax() => GradCheck.Check(D(x => x[0].LogSoftmax(1)), [R(1, 2, 4)]);
}
