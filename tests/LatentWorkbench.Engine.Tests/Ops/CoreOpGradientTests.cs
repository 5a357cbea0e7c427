using LatentWorkbench.Engine;

namespace LatentWorkbench.Engine.Tests.Ops;

public class CoreOpGradientTests
{
    private static Tensor R(ulong seed, params int[] shape) => GradCheck.Random(seed, shape);
    private static Tensor P(ulong seed, params int[] shape) => GradCheck.Positive(seed, shape);

    [Fact] public void AddBroadcast() => GradCheck.Check(x => x[0] + x[1], [R(1, 3, 4), R(2, 4)]);
    [Fact] public void SubBroadcastColumn() => GradCheck.Check(x => x[0] - x[1], [R(1, 3, 4), R(2, 3, 1)]);
    [Fact] public void MulBroadcast() => GradCheck.Check(x => x[0] * x[1], [R(1, 2, 3, 4), R(2, 1, 3, 1)]);
    [Fact] public void Div() => GradCheck.Check(x => x[0] / x[1], [R(1, 3, 4), P(2, 3, 4)]);
    [Fact] public void PowScalar() => GradCheck.Check(x => x[0].Pow(3f), [R(1, 5)]);
    [Fact] public void PowTensor() => GradCheck.Check(x => x[0].Pow(x[1]), [P(1, 5), R(2, 5)]);
    [Fact] public void MaximumMinimum() => GradCheck.Check(x => x[0].Maximum(x[1]) + x[0].Minimum(x[1]) * 2f, [R(1, 6), R(2, 6)]);
    [Fact] public void Exp() => GradCheck.Check(x => x[0].Exp(), [R(1, 7)]);
    [Fact] public void Log() => GradCheck.Check(x => x[0].Log(), [P(1, 7)]);
    [Fact] public void Sqrt() => GradCheck.Check(x => x[0].Sqrt(), [P(1, 7)]);
    [Fact] public void Abs() => GradCheck.Check(x => x[0].Abs(), [P(1, 7)]);
    [Fact] public void Clamp() => GradCheck.Check(x => x[0].Clamp(-0.5f, 0.5f), [Tensor.FromArray([-1f, -0.2f, 0.1f, 0.3f, 0.9f], 5)]);
    [Fact] public void Relu() => GradCheck.Check(x => x[0].Relu(), [Tensor.FromArray([-1f, -0.2f, 0.1f, 0.3f, 0.9f], 5)]);
    [Fact] public void LeakyRelu() => GradCheck.Check(x => x[0].LeakyRelu(0.1f), [Tensor.FromArray([-1f, -0.2f, 0.1f, 0.3f, 0.9f], 5)]);
    [Fact] public void Sigmoid() => GradCheck.Check(x => x[0].Sigmoid(), [R(1, 7)]);
    [Fact] public void Tanh() => GradCheck.Check(x => x[0].Tanh(), [R(1, 7)]);
    [Fact] public void Silu() => GradCheck.Check(x => x[0].Silu(), [R(1, 7)]);
    [Fact] public void Softplus() => GradCheck.Check(x => x[0].Softplus(), [R(1, 7)]);
    [Fact] public void Gelu() => GradCheck.Check(x => x[0].Gelu(), [R(1, 7)]);
    [Fact] public void SumAxes() => GradCheck.Check(x => x[0].Sum([0, 2]), [R(1, 2, 3, 4)]);
    [Fact] public void MeanKeepDim() => GradCheck.Check(x => x[0].Mean(1, keepDim: true) * x[0], [R(1, 3, 4)]);
    [Fact] public void Var() => GradCheck.Check(x => x[0].Var([0]), [R(1, 5, 3)]);
    [Fact] public void MaxAxis() => GradCheck.Check(x => x[0].Max(1).Values, [R(1, 3, 5)]);
    [Fact] public void Softmax() => GradCheck.Check(x => x[0].Softmax(1), [R(1, 3, 5)]);
    [Fact] public void LogSoftmax() => GradCheck.Check(x => x[0].LogSoftmax(0), [R(1, 4, 3)]);
    [Fact] public void MatMul2D() => GradCheck.Check(x => x[0].MatMul(x[1]), [R(1, 3, 4), R(2, 4, 5)]);
    [Fact] public void MatMulTransposedViews() => GradCheck.Check(x => x[0].T.MatMul(x[1].T), [R(1, 4, 3), R(2, 5, 4)]);
    [Fact] public void MatMulBatchedShared() => GradCheck.Check(x => x[0].MatMul(x[1]), [R(1, 2, 3, 4), R(2, 4, 2)]);
    [Fact] public void MatMulBatched() => GradCheck.Check(x => x[0].MatMul(x[1]), [R(1, 2, 3, 4), R(2, 2, 4, 2)]);
    [Fact] public void MatVec() => GradCheck.Check(x => x[0].MatMul(x[1]), [R(1, 3, 4), R(2, 4)]);
    [Fact] public void ReshapePermute() => GradCheck.Check(x => x[0].Reshape(4, 6).Permute(1, 0).Contiguous() * x[1], [R(1, 2, 3, 4), R(2, 6, 4)]);
    [Fact] public void SliceSelect() => GradCheck.Check(x => x[0].Slice(1, 1, 5, 2) + x[0].Select(0, 1).Unsqueeze(0).Slice(1, 0, 2), [R(1, 3, 6)]);
    [Fact] public void Expand() => GradCheck.Check(x => x[0].Expand(3, 4, 5) * x[1], [R(1, 4, 1), R(2, 3, 4, 5)]);
    [Fact] public void ConcatStack() => GradCheck.Check(x => Tensor.Concat([x[0], x[1]], 1) + Tensor.Stack([x[2], x[2]], 0).Reshape(2, 5), [R(1, 2, 2), R(2, 2, 3), R(3, 5)]);
    [Fact] public void IndexSelectRepeats() => GradCheck.Check(x => x[0].IndexSelect(0, [2, 0, 2]), [R(1, 3, 4)]);
    [Fact] public void Pad() => GradCheck.Check(x => x[0].Pad([1, 2, 0, 1]), [R(1, 2, 3, 3)]);
    [Fact] public void ChainReusesInput() => GradCheck.Check(x => (x[0] * x[0]).Sum(0) * x[0].Sum(0), [R(1, 3, 2)]);
}
