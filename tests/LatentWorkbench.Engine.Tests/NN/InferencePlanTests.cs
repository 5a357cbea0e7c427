using LatentWorkbench.Engine.Autograd;
using LatentWorkbench.Engine.NN;

namespace LatentWorkbench.Engine.Tests.NN;

/// <summary>The allocation-free inference path against the ordinary Module.Call forward pass.</summary>
public class InferencePlanTests
{
    private static (Sequential Encoder, Sequential Decoder) Model()
    {
        var g = new Generator(3);
        var encoder = new Sequential(new Linear(12, 20, generator: g), new LeakyReLU(0.1f), new Linear(20, 3, generator: g), new Tanh());
        var decoder = new Sequential(new Linear(3, 17, generator: g), new ReLU(), new Identity(), new Linear(17, 12, bias: false, generator: g), new Sigmoid());
        return (encoder, decoder);
    }

    private static void AssertClose(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        // Different chunk sizes give OpenBLAS different blockings, so allow float rounding.
        for (int i = 0; i < expected.Length; i++) Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-5f, $"element {i}: {expected[i]} vs {actual[i]}");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(256)]
    public void MatchesModuleForwardAcrossChunkSizes(int chunkRows)
    {
        var (encoder, decoder) = Model();
        var z = Tensor.Randn(new Generator(4), 23, 3);
        float[] expected;
        using (GradMode.NoGrad()) expected = encoder.Call(decoder.Call(z)).ToArray();
        var plan = new InferencePlan([decoder, encoder], chunkRows);
        Assert.Equal(3, plan.InFeatures);
        Assert.Equal(3, plan.OutFeatures);
        AssertClose(expected, plan.Run(z).ToArray());
    }

    [Fact]
    public void IteratesInPlaceAndSeesParameterUpdates()
    {
        var (encoder, decoder) = Model();
        var z0 = Tensor.Randn(new Generator(5), 10, 3);
        var plan = InferencePlan.Chain(decoder, encoder);
        encoder[0].Parameters().First().AsSpan()[0] += 0.5f; // after the plan was built
        var expected = z0;
        using (GradMode.NoGrad())
            for (int s = 0; s < 4; s++) expected = encoder.Call(decoder.Call(expected));
        var z = z0.ToArray();
        for (int s = 0; s < 4; s++) plan.Run(z, z, 10);
        AssertClose(expected.ToArray(), z);
    }

    [Fact]
    public void RecordsNoGraph()
    {
        var (encoder, _) = Model();
        var y = encoder.CreateInferencePlan().Run(Tensor.Randn(new Generator(6), 2, 12));
        Assert.False(y.RequiresGrad);
        Assert.Equal([2, 3], y.Shape);
    }

    [Fact]
    public void RejectsUnsupportedModulesAndWrongWidths()
    {
        var e = Assert.Throws<NotSupportedException>(() => new Sequential(new Linear(2, 2), new GELU()).CreateInferencePlan());
        Assert.Contains("GELU", e.Message);
        Assert.Throws<ArgumentException>(() => new Sequential(new Linear(2, 3), new Linear(4, 1)).CreateInferencePlan());
        var plan = new Sequential(new Linear(2, 3)).CreateInferencePlan();
        Assert.Throws<ArgumentException>(() => plan.Run(Tensor.Zeros(4, 5)));
    }
}
