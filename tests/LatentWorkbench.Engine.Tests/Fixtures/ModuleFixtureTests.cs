using LatentWorkbench.Engine.NN;
using LatentWorkbench.Engine.Serialization;

namespace LatentWorkbench.Engine.Tests.Fixtures;

/// <summary>A module tree loads a PyTorch state dict (buffers included) and reproduces PyTorch's output.</summary>
public sealed class ModuleFixtureTests
{
    [Fact]
    public void SequentialWithBatchNormLoadsATorchStateDictAndMatchesItsEvalOutput()
    {
        var state = SafeTensors.Load(Path.Combine(AppContext.BaseDirectory, "fixtures", "torch", "model_state.safetensors"));
        var model = new Sequential(new Linear(3, 4, generator: new Generator(1)), new BatchNorm1d(4), new ReLU(), new Linear(4, 2, generator: new Generator(2)));
        var result = model.LoadStateDict(state.Tensors);
        Assert.Empty(result.MissingKeys);
        Assert.Empty(result.UnexpectedKeys);
        model.Eval();
        var io = TorchFixture.Load("model_io");
        FixtureAssert.Close(io["output"], model.Forward(io["input"]), "Sequential eval output");

        // Saving the loaded model's state gives back the same values under the same names.
        string path = Path.Combine(Path.GetTempPath(), $"lwb-state-{Guid.NewGuid():N}.safetensors");
        try
        {
            SafeTensors.Save(path, model.StateDict());
            var reloaded = SafeTensors.Load(path);
            Assert.Equal(state.Tensors.Keys.Order(StringComparer.Ordinal), reloaded.Tensors.Keys.Order(StringComparer.Ordinal));
            foreach (var (name, expected) in state.Tensors) FixtureAssert.Close(expected, reloaded.Tensors[name], $"saved {name}");
        }
        finally { File.Delete(path); }
    }
}
