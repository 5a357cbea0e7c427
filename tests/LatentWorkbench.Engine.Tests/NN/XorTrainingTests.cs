using LatentWorkbench.Engine.NN;
using LatentWorkbench.Engine.Optim;

namespace LatentWorkbench.Engine.Tests.NN;

public class XorTrainingTests
{
    private static (float Loss, float[] Weights) Train(ulong seed)
    {
        var g = new Generator(seed);
        var model = new Sequential(new Linear(2, 8, generator: g), new Tanh(), new Linear(8, 1, generator: g));
        var x = Tensor.FromArray([0f, 0f, 0f, 1f, 1f, 0f, 1f, 1f], 4, 2);
        var y = Tensor.FromArray([0f, 1f, 1f, 0f], 4, 1);
        var optimizer = new Adam(model.Parameters(), lr: 0.05);
        float loss = float.NaN;
        for (int step = 0; step < 300; step++)
        {
            optimizer.ZeroGrad();
            var l = F.MseLoss(model.Call(x), y);
            l.Backward();
            optimizer.Step();
            loss = l.Item();
        }
        return (loss, model.Parameters().SelectMany(p => p.ToArray()).ToArray());
    }

    [Fact]
    public void TinyMlpLearnsXorDeterministically()
    {
        var (loss, weights) = Train(3);
        Assert.True(loss < 0.05f, $"final loss {loss}");
        var (loss2, weights2) = Train(3);
        Assert.Equal(BitConverter.SingleToInt32Bits(loss), BitConverter.SingleToInt32Bits(loss2));
        Assert.Equal(weights, weights2);
    }
}
