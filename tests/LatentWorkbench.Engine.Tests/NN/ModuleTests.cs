using LatentWorkbench.Engine.NN;

namespace LatentWorkbench.Engine.Tests.NN;

public class ModuleTests
{
    /// <summary>A small custom module, to check names through user-defined fields.</summary>
    private sealed class AutoEncoder : Module
    {
        public AutoEncoder()
        {
            Encoder = RegisterModule("encoder", new Sequential(new Linear(4, 3, generator: new Generator(1)), new BatchNorm1d(3), new ReLU()));
            Decoder = RegisterModule("decoder", new Linear(3, 4, generator: new Generator(2)));
            Scale = RegisterParameter("scale", Tensor.Ones(1));
        }

        public Sequential Encoder { get; }
        public Linear Decoder { get; }
        public Tensor Scale { get; }

        public override Tensor Forward(Tensor input) => Decoder.Call(Encoder.Call(input)) * Scale;
    }

    [Fact]
    public void StateDictNamesFollowPyTorchOrder()
    {
        var model = new Sequential(new Linear(2, 3), new BatchNorm1d(3), new Tanh(), new Sequential(new Linear(3, 1)));
        string[] expected =
        [
            "0.weight", "0.bias",
            "1.weight", "1.bias", "1.running_mean", "1.running_var", "1.num_batches_tracked",
            "3.0.weight", "3.0.bias",
        ];
        Assert.Equal(expected, model.StateDict().Keys);
        Assert.Equal(["0.weight", "0.bias", "1.weight", "1.bias", "3.0.weight", "3.0.bias"], model.NamedParameters().Select(p => p.Key));
        Assert.Equal(["1.running_mean", "1.running_var", "1.num_batches_tracked"], model.NamedBuffers().Select(p => p.Key));
        Assert.Equal(["", "0", "1", "2", "3", "3.0"], model.NamedModules().Select(m => m.Key));
        Assert.Equal(2 * 3 + 3 + 3 + 3 + 3 + 1, model.ParameterCount);
        Assert.All(model.Parameters(), p => Assert.True(p.RequiresGrad));
        Assert.All(model.Buffers(), b => Assert.False(b.RequiresGrad));
    }

    [Fact]
    public void CustomModuleNamesNestThroughFields()
    {
        // PyTorch lists a module's own tensors before its children's.
        var model = new AutoEncoder();
        Assert.Equal(
            ["scale", "encoder.0.weight", "encoder.0.bias", "encoder.1.weight", "encoder.1.bias", "encoder.1.running_mean", "encoder.1.running_var",
                "encoder.1.num_batches_tracked", "decoder.weight", "decoder.bias"],
            model.StateDict().Keys);
    }

    [Fact]
    public void SharedParameterIsListedOnce()
    {
        var shared = new Linear(2, 2);
        var model = new Sequential(shared, new Tanh(), shared);
        Assert.Equal(2, model.Parameters().Count());
        Assert.Equal(4, model.StateDict().Count); // state dict keeps both names, as PyTorch does
    }

    [Fact]
    public void LoadStateDictCopiesValuesInPlace()
    {
        var source = new AutoEncoder();
        source.Encoder.Call(GradCheck.Random(3, 8, 4)); // moves the running statistics away from their defaults
        var target = new AutoEncoder();
        var weightBefore = target.Decoder.Weight;
        var result = target.LoadStateDict(source.StateDict());
        Assert.Empty(result.MissingKeys);
        Assert.Empty(result.UnexpectedKeys);
        Assert.Same(weightBefore, target.Decoder.Weight);
        foreach (var (name, value) in source.StateDict())
            Assert.Equal(value.ToArray(), target.StateDict()[name].ToArray());
        Assert.Equal(1f, target.StateDict()["encoder.1.num_batches_tracked"].Item());
    }

    [Fact]
    public void LoadStateDictReportsMissingAndUnexpectedKeys()
    {
        var model = new Sequential(new Linear(2, 3), new BatchNorm1d(3));
        var dict = new Dictionary<string, Tensor>(model.StateDict());
        dict.Remove("1.running_var");
        dict["2.weight"] = Tensor.Zeros(3);
        var weightBefore = model.StateDict()["0.weight"].ToArray();
        dict["0.weight"] = Tensor.Ones(3, 2);

        var error = Assert.Throws<ArgumentException>(() => model.LoadStateDict(dict));
        Assert.Contains("Missing key(s) in state_dict: \"1.running_var\"", error.Message);
        Assert.Contains("Unexpected key(s) in state_dict: \"2.weight\"", error.Message);
        Assert.Equal(weightBefore, model.StateDict()["0.weight"].ToArray()); // nothing written on failure

        var result = model.LoadStateDict(dict, strict: false);
        Assert.Equal(["1.running_var"], result.MissingKeys);
        Assert.Equal(["2.weight"], result.UnexpectedKeys);
        Assert.All(model.StateDict()["0.weight"].ToArray(), v => Assert.Equal(1f, v));
    }

    [Fact]
    public void LoadStateDictRejectsShapeMismatchEvenWhenNotStrict()
    {
        var model = new Sequential(new Linear(2, 3));
        var dict = new Dictionary<string, Tensor> { ["0.weight"] = Tensor.Zeros(2, 3), ["0.bias"] = Tensor.Zeros(3) };
        var error = Assert.Throws<ArgumentException>(() => model.LoadStateDict(dict, strict: false));
        Assert.Contains("size mismatch for 0.weight", error.Message);
        Assert.Contains("[2, 3]", error.Message);
        Assert.Contains("[3, 2]", error.Message);
    }

    [Fact]
    public void TrainAndEvalAreRecursive()
    {
        var model = new AutoEncoder();
        Assert.True(model.Modules().All(m => m.Training));
        model.Eval();
        Assert.True(model.Modules().All(m => !m.Training));
        model.Train();
        Assert.True(model.Encoder[1].Training);
    }

    [Fact]
    public void ZeroGradClearsInPlace()
    {
        var layer = new Linear(3, 2);
        layer.Call(GradCheck.Random(1, 4, 3)).Sum().Backward();
        var grad = layer.Weight.Grad!;
        Assert.Contains(grad.ToArray(), v => v != 0f);
        layer.ZeroGrad();
        Assert.Same(grad, layer.Weight.Grad);
        Assert.All(grad.ToArray(), v => Assert.Equal(0f, v));
        layer.ZeroGrad(setToNone: true);
        Assert.Null(layer.Weight.Grad);
    }

    [Fact]
    public void ForwardHookSeesActivationsUntilDisposed()
    {
        var hidden = new Tanh();
        var model = new Sequential(new Linear(2, 3), hidden, new Linear(3, 1));
        var captured = new List<Tensor>();
        var handle = hidden.RegisterForwardHook((_, _, output) => captured.Add(output));
        model.Call(GradCheck.Random(1, 5, 2));
        Assert.Single(captured);
        Assert.Equal([5, 3], captured[0].Shape);
        handle.Dispose();
        model.Call(GradCheck.Random(1, 5, 2));
        Assert.Single(captured);
    }

    [Fact]
    public void ReprMatchesPyTorchFormat()
    {
        var model = new Sequential(new Conv2d(1, 8, 3, stride: 2, padding: 1), new BatchNorm2d(8), new ReLU(), new Flatten(),
            new Sequential(new Linear(8, 2, bias: false), new Dropout(0.25f)));
        const string expected = """
            Sequential(
              (0): Conv2d(1, 8, kernel_size=(3, 3), stride=(2, 2), padding=(1, 1))
              (1): BatchNorm2d(8, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
              (2): ReLU()
              (3): Flatten(start_dim=1, end_dim=-1)
              (4): Sequential(
                (0): Linear(in_features=8, out_features=2, bias=False)
                (1): Dropout(p=0.25, inplace=False)
              )
            )
            """;
        Assert.Equal(expected.ReplaceLineEndings("\n"), model.ToString());
    }

    [Fact]
    public void RegistrationRejectsDuplicateAndDottedNames()
    {
        var model = new Sequential(new Linear(1, 1));
        Assert.Throws<ArgumentException>(() => model.RegisterModule("0", new Tanh()));
        Assert.Throws<ArgumentException>(() => model.RegisterBuffer("a.b", Tensor.Zeros(1)));
    }

    [Fact]
    public void SequentialIndexerAndAdd()
    {
        var first = new Linear(2, 2);
        var model = new Sequential(first).Add(new Tanh());
        Assert.Equal(2, model.Count);
        Assert.Same(first, model[0]);
        Assert.IsType<Tanh>(model[-1]);
        Assert.Throws<ArgumentOutOfRangeException>(() => model[2]);
    }
}
