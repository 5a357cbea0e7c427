using LatentWorkbench.Engine.NN;
using LatentWorkbench.Engine.Optim;

namespace LatentWorkbench.Engine.Tests.Tensors;

/// <summary>
/// Training under one dispose scope per step must give bit-identical losses, gradients and parameters to training
/// without scopes. Returned buffers are poisoned with NaN, so a kernel that reads a reused buffer before writing
/// all of it would show up as a difference.
/// </summary>
[Collection(nameof(TensorPoolCollection))]
public class ScopedTrainingTests
{
    private sealed record Run(float[] Losses, float[][] FirstGrads, float[][] Parameters, float[][] Buffers);

    private static Sequential ConvModel(Generator g) => new(
        new Conv2d(1, 4, 3, 1, 1, generator: g), new BatchNorm2d(4), new ReLU(), new MaxPool2d(2),
        new Conv2d(4, 8, 3, 2, 1, generator: g), new GroupNorm(2, 8), new GELU(),
        new ConvTranspose2d(8, 4, 4, 2, 1, generator: g), new LeakyReLU(0.1f), new Upsample(2),
        new AvgPool2d(3, 1, 1), new Conv2d(4, 1, 3, 1, 1, generator: g), new Sigmoid());

    private static Sequential MlpModel(Generator g) => new(
        new Flatten(), new Linear(64, 32, generator: g), new LayerNorm(32), new ELU(), new Dropout(0.2f, seed: 5),
        new Linear(32, 16, generator: g), new SiLU(), new BatchNorm1d(16), new Softplus(), new Linear(16, 10, generator: g), new Tanh(),
        new Linear(10, 10, generator: g));

    private static Run Train(bool scoped, bool conv)
    {
        var g = new Generator(11);
        var model = conv ? ConvModel(g) : MlpModel(g);
        Optimizer optimizer = conv ? new Adam(model.Parameters(), lr: 1e-2) : new AdamW(model.Parameters(), lr: 1e-2, weightDecay: 1e-2);
        var data = Tensor.Rand(g, 48, 1, 8, 8);
        var labels = new int[48];
        for (int i = 0; i < labels.Length; i++) labels[i] = i % 10;
        var losses = new List<float>();
        float[][]? firstGrads = null;
        for (int step = 0; step < 6; step++)
        {
            using var scope = scoped ? DisposeScope.Begin() : null;
            int start = step % 3 * 16;
            var xb = data.Narrow(0, start, 16);
            var output = model.Call(xb);
            var loss = conv ? F.MseLoss(output, xb) : F.CrossEntropy(output, labels[start..(start + 16)]);
            optimizer.ZeroGrad();
            loss.Backward();
            firstGrads ??= [.. model.Parameters().Select(p => p.Grad!.ToArray())];
            optimizer.Step();
            losses.Add(loss.Item());
        }
        return new([.. losses], firstGrads!, [.. model.Parameters().Select(p => p.ToArray())], [.. model.Buffers().Select(b => b.ToArray())]);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ScopedTrainingIsBitIdenticalToUnscoped(bool conv)
    {
        var plain = Train(scoped: false, conv);
        TensorPool.PoisonReturned = true;
        Run scoped, again;
        try
        {
            scoped = Train(scoped: true, conv);
            again = Train(scoped: true, conv); // now every buffer comes from the (poisoned) pool
        }
        finally
        {
            TensorPool.PoisonReturned = false;
        }
        Assert.All(plain.Losses, l => Assert.True(float.IsFinite(l)));
        foreach (var run in new[] { scoped, again })
        {
            Assert.Equal(Bits(plain.Losses), Bits(run.Losses));
            AssertBitEqual(plain.FirstGrads, run.FirstGrads);
            AssertBitEqual(plain.Parameters, run.Parameters);
            AssertBitEqual(plain.Buffers, run.Buffers);
        }
    }

    [Fact]
    public void SteadyStateStepsDrawTheirTensorMemoryFromThePool()
    {
        var g = new Generator(4);
        var model = new Sequential(new Linear(784, 256, generator: g), new ReLU(), new Linear(256, 784, generator: g), new Sigmoid());
        var optimizer = new AdamW(model.Parameters(), lr: 1e-3);
        var x = Tensor.Rand(g, 128, 784);
        long Step(bool scoped)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            using (scoped ? DisposeScope.Begin() : null)
            {
                var loss = F.MseLoss(model.Call(x), x);
                optimizer.ZeroGrad();
                loss.Backward();
                optimizer.Step();
            }
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }
        Step(false); Step(true); // optimizer state, leaf gradients, first fill of the pool
        long plain = Step(false);
        TensorPool.ResetStatistics();
        long scoped = Step(true);
        var stats = TensorPool.Statistics;
        Assert.True(plain > 128 * 784 * sizeof(float) * 3, $"an unscoped step allocated only {plain} bytes");
        Assert.True(scoped < plain / 20, $"a scoped step allocated {scoped} bytes, an unscoped one {plain}");
        Assert.Equal(stats.Rents, stats.Hits);
        Assert.Equal(stats.Rents, stats.Returns);
    }

    private static int[] Bits(float[] values) => [.. values.Select(BitConverter.SingleToInt32Bits)];

    private static void AssertBitEqual(float[][] expected, float[][] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++) Assert.Equal(Bits(expected[i]), Bits(actual[i]));
    }
}
