using LatentWorkbench.Engine;
using LatentWorkbench.Engine.Autograd;
using LatentWorkbench.LatentFields;
using LatentWorkbench.Models;

namespace LatentWorkbench.Tests.LatentFields;

public class ConvLatentMapTests
{
    [Fact]
    public void ChunkedScopedPathMatchesOneUnscopedCall()
    {
        // The general (non-MLP) path runs E(D(z)) in chunks, each inside a dispose scope whose buffers the next
        // chunk reuses: the result must equal one plain call (up to the GEMM's blocking by batch size) and repeat
        // exactly.
        var model = new ConvAutoencoder(4, width: 8, generator: new Generator(2));
        model.Eval();
        var z = Tensor.Randn(new Generator(5), 37, 4);
        float[] expected;
        using (GradMode.NoGrad()) expected = model.Encode(model.Decode(z)).ToArray();

        var map = new LatentMap(model, batchSize: 8); // five chunks, the last one partial
        var first = map.Apply(z.ToArray());
        var second = map.Apply(z.ToArray());

        Assert.Equal(expected.Length, first.Length);
        for (int i = 0; i < first.Length; i++)
            Assert.True(Math.Abs(first[i] - expected[i]) <= 1e-5f * (1 + Math.Abs(expected[i])), $"element {i}: {first[i]} vs {expected[i]}");
        Assert.Equal(first, second);
    }
}
