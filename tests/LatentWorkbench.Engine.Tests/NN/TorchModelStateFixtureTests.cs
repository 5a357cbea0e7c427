using LatentWorkbench.Engine.NN;
using LatentWorkbench.Engine.Tests.Fixtures;

namespace LatentWorkbench.Engine.Tests.NN;

/// <summary>A PyTorch 1.13 state_dict of Sequential(Linear, BatchNorm1d, ReLU, Linear) loads by name and reproduces torch's eval output.</summary>
public class TorchModelStateFixtureTests
{
    private static Sequential Model() => new(new Linear(3, 4), new BatchNorm1d(4), new ReLU(), new Linear(4, 2));

    [Fact]
    public void StateDictNamesMatchPyTorch()
    {
        var fx = TorchFixture.Load("model_state");
        Assert.Equal(fx.TensorNames.Order(), Model().StateDict().Keys.Order());
    }

    [Fact]
    public void LoadedModelReproducesPyTorchEvalOutput()
    {
        var state = TorchFixture.Load("model_state");
        var model = Model();
        model.LoadStateDict(state.TensorNames.ToDictionary(n => n, n => state[n]));
        Assert.Equal(1f, model.StateDict()["1.num_batches_tracked"].Item()); // I64 in the file
        model.Eval();
        var io = TorchFixture.Load("model_io");
        FixtureAssert.Close(io["output"], model.Call(io["input"]), "eval output", rtol: 1e-5, atol: 1e-6);
    }
}
