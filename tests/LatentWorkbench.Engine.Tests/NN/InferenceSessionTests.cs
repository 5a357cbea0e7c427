using LatentWorkbench.Engine.Autograd;
using LatentWorkbench.Engine.Cuda;
using LatentWorkbench.Engine.NN;

namespace LatentWorkbench.Engine.Tests.NN;

/// <summary>The engine's choice of execution path, and that each path computes what the plain forward pass does.</summary>
public class InferenceSessionTests
{
    private static (Sequential Encoder, Sequential Decoder) Mlp()
    {
        var g = new Generator(3);
        return (new Sequential(new Linear(10, 16, generator: g), new ReLU(), new Linear(16, 3, generator: g)),
                new Sequential(new Linear(3, 16, generator: g), new ReLU(), new Dropout(0.5f), new Linear(16, 10, generator: g), new Sigmoid()));
    }

    [Fact]
    public void PlannableChainRunsOnTheCpuPlanWithThePlansNumbers()
    {
        var (encoder, decoder) = Mlp();
        var z = Tensor.Randn(new Generator(4), 2100, 3).ToArray();
        using var session = new InferenceSession([decoder, encoder], 3, 3);
        Assert.Equal(InferencePath.CpuPlan, session.Path);
        Assert.Equal(Device.Cpu, session.Device);
        var viaSession = new float[z.Length];
        session.Run(z, viaSession, 2100);
        decoder.Eval();
        var viaPlan = new float[z.Length];
        InferencePlan.Chain(decoder, encoder).Run(z, viaPlan, 2100);
        Assert.Equal(viaPlan, viaSession);
        // Building the plan looked at the chain in evaluation mode and left the training mode as it was.
        decoder.Train();
        using var again = new InferenceSession([decoder, encoder], 3, 3);
        Assert.True(decoder.Training && encoder.Training);
    }

    [Fact]
    public void OtherLayersRunThroughTheModulesForwardInEvaluationModeAndChunks()
    {
        var g = new Generator(5);
        var chain = new Sequential(new Linear(4, 6, generator: g), new GELU(), new BatchNorm1d(6), new Linear(6, 2, generator: g));
        var x = Tensor.Randn(new Generator(6), 25, 4);
        using var session = new InferenceSession([chain], 4, 2, batchSize: 7);
        Assert.Equal(InferencePath.Module, session.Path);
        var result = session.Run(x).ToArray();
        Assert.True(chain.Training, "the chain's training mode is restored");
        chain.Eval();
        float[] expected;
        using (GradMode.NoGrad()) expected = chain.Call(x).ToArray();
        Assert.Equal(expected, result);
    }

    [Fact]
    public void FunctionSessionRunsTheFunctionWithItsOwnerInEvaluationMode()
    {
        var g = new Generator(7);
        var owner = new Sequential(new Linear(2, 2, generator: g), new Dropout(0.9f));
        var x = Tensor.Randn(new Generator(8), 9, 2);
        bool sawEval = true;
        using var session = new InferenceSession(t => { sawEval &= !owner.Training; return owner.Call(t) * 2f; }, owner, 2, 2, batchSize: 4);
        Assert.Equal(InferencePath.Module, session.Path);
        var result = session.Run(x).ToArray();
        Assert.True(sawEval);
        Assert.True(owner.Training);
        owner.Eval();
        float[] expected;
        using (GradMode.NoGrad()) expected = (owner.Call(x) * 2f).ToArray();
        Assert.Equal(expected, result);
    }

    [Fact]
    public void CudaRequestRunsOnTheGpuPlanWhenThereIsOneAndOtherwiseOnTheCpuPlan()
    {
        var (encoder, decoder) = Mlp();
        using var session = new InferenceSession([decoder, encoder], 3, 3, Device.Cuda);
        bool gpu = CudaRuntime.IsAvailable;
        Assert.Equal(gpu ? InferencePath.CudaPlan : InferencePath.CpuPlan, session.Path);
        Assert.Equal(gpu ? Device.Cuda : Device.Cpu, session.Device);
        // A chain the GPU plan does not run stays on the module path wherever it was asked to run.
        using var conv = new InferenceSession([new Sequential(new Linear(3, 3), new GELU())], 3, 3, Device.Cuda);
        Assert.Equal(InferencePath.Module, conv.Path);
    }

    [Fact]
    public void WrongWidthsAndEmptyChainsAreClearErrors()
    {
        var (encoder, decoder) = Mlp();
        var e = Assert.Throws<ArgumentException>(() => new InferenceSession([decoder, encoder], 4, 3));
        Assert.Contains("maps 3 features to 3, not 4 to 3", e.Message);
        Assert.Equal("chain", Assert.Throws<ArgumentException>(() => new InferenceSession(Array.Empty<Module>(), 3, 3)).ParamName);
        using var session = new InferenceSession([decoder, encoder], 3, 3);
        Assert.Equal("input", Assert.Throws<ArgumentException>(() => session.Run(new float[5], new float[6], 2)).ParamName);
        Assert.Equal("output", Assert.Throws<ArgumentException>(() => session.Run(new float[6], new float[5], 2)).ParamName);
    }
}
