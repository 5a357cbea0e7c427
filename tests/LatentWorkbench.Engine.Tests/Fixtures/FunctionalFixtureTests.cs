using LatentWorkbench.Engine.NN;

namespace LatentWorkbench.Engine.Tests.Fixtures;

/// <summary>
/// The functional ops against PyTorch 1.13: the output, and the gradients of sum(output * proj) with respect to every
/// input that torch differentiated (for losses: of the loss itself), from tests/fixtures/torch/*.safetensors.
/// </summary>
public sealed class FunctionalFixtureTests
{
    /// <summary>Runs <paramref name="op"/> on leaves named <paramref name="inputs"/>, checks output and gradients.</summary>
    private static void Check(TorchFixture fx, string[] inputs, Func<Tensor[], Tensor> op, string output = "output", string proj = "proj", string gradPrefix = "grad.")
    {
        var leaves = inputs.Select(n => fx.Has(gradPrefix + n) ? fx.Leaf(n) : fx[n]).ToArray();
        var result = op(leaves);
        FixtureAssert.Close(fx[output], result, $"{fx.Name} {output}");
        var objective = fx.Has(proj) ? (result * fx[proj]).Sum() : result;
        objective.Backward();
        for (int i = 0; i < inputs.Length; i++)
        {
            if (fx.Has(gradPrefix + inputs[i]))
                FixtureAssert.Close(fx[gradPrefix + inputs[i]], leaves[i].Grad, $"{fx.Name} gradient of {inputs[i]}");
        }
    }

    [Fact]
    public void Linear() =>
        Check(TorchFixture.Load("linear"), ["input", "weight", "bias"], t => F.Linear(t[0], t[1], t[2]));

    [Theory]
    [InlineData("conv2d_s2_p1")]
    [InlineData("conv2d_s1_p0")]
    public void Conv2d(string name)
    {
        var fx = TorchFixture.Load(name);
        Check(fx, ["input", "weight", "bias"], t => F.Conv2d(t[0], t[1], t[2], stride: fx.Int("stride"), padding: fx.Int("padding")));
    }

    [Theory]
    [InlineData("conv_transpose2d_k3_s2_p1_op1")]
    [InlineData("conv_transpose2d_k4_s2_p1")]
    public void ConvTranspose2d(string name)
    {
        var fx = TorchFixture.Load(name);
        Check(fx, ["input", "weight", "bias"],
            t => F.ConvTranspose2d(t[0], t[1], t[2], stride: fx.Int("stride"), padding: fx.Int("padding"), outputPadding: fx.Int("output_padding")));
    }

    [Theory]
    [InlineData("batchnorm1d_train")]
    [InlineData("batchnorm2d_train")]
    public void BatchNormTrainingUpdatesRunningStatistics(string name)
    {
        var fx = TorchFixture.Load(name);
        var runningMean = fx["running_mean"];
        var runningVar = fx["running_var"];
        Check(fx, ["input", "weight", "bias"],
            t => F.BatchNorm(t[0], runningMean, runningVar, t[1], t[2], training: true, momentum: fx.Float("momentum"), eps: fx.Float("eps")));
        FixtureAssert.Close(fx["running_mean_after"], runningMean, $"{name} running mean");
        FixtureAssert.Close(fx["running_var_after"], runningVar, $"{name} running variance");
    }

    [Theory]
    [InlineData("batchnorm1d_eval")]
    [InlineData("batchnorm2d_eval")]
    public void BatchNormEvaluationUsesRunningStatistics(string name)
    {
        var fx = TorchFixture.Load(name);
        var runningMean = fx["running_mean"];
        var runningVar = fx["running_var"];
        Check(fx, ["input", "weight", "bias"],
            t => F.BatchNorm(t[0], runningMean, runningVar, t[1], t[2], training: false, momentum: fx.Float("momentum"), eps: fx.Float("eps")));
        FixtureAssert.Close(fx["running_mean"], runningMean, $"{name} running mean is untouched");
        FixtureAssert.Close(fx["running_var"], runningVar, $"{name} running variance is untouched");
    }

    [Fact]
    public void GroupNorm()
    {
        var fx = TorchFixture.Load("groupnorm");
        Check(fx, ["input", "weight", "bias"], t => F.GroupNorm(t[0], fx.Int("num_groups"), t[1], t[2], fx.Float("eps")));
    }

    [Fact]
    public void LayerNorm()
    {
        var fx = TorchFixture.Load("layernorm");
        Check(fx, ["input", "weight", "bias"], t => F.LayerNorm(t[0], [6], t[1], t[2], fx.Float("eps")));
    }

    [Theory]
    [InlineData("maxpool2d_k2_s2")]
    [InlineData("maxpool2d_k3_s2_p1")]
    public void MaxPool2d(string name)
    {
        var fx = TorchFixture.Load(name);
        Check(fx, ["input"], t => F.MaxPool2d(t[0], fx.Int("kernel_size"), fx.Int("stride"), fx.Int("padding")));
    }

    [Fact]
    public void AvgPool2d()
    {
        var fx = TorchFixture.Load("avgpool2d_k2_s2");
        Check(fx, ["input"], t => F.AvgPool2d(t[0], fx.Int("kernel_size"), fx.Int("stride"), fx.Int("padding")));
    }

    [Fact]
    public void UpsampleNearest2d()
    {
        var fx = TorchFixture.Load("upsample_nearest2d_x2");
        Check(fx, ["input"], t => F.UpsampleNearest2d(t[0], fx.Int("scale_factor")));
    }

    [Fact]
    public void MseLoss() =>
        Check(TorchFixture.Load("mse_loss"), ["input", "target"], t => F.MseLoss(t[0], t[1]));

    [Fact]
    public void BinaryCrossEntropy() =>
        Check(TorchFixture.Load("bce_loss"), ["input", "target"], t => F.BinaryCrossEntropy(t[0], t[1]));

    [Fact]
    public void BinaryCrossEntropyWithLogits() =>
        Check(TorchFixture.Load("bce_with_logits_loss"), ["input", "target"], t => F.BinaryCrossEntropyWithLogits(t[0], t[1]));

    [Fact]
    public void CrossEntropy()
    {
        var fx = TorchFixture.Load("cross_entropy_loss");
        int[] labels = [.. fx["target"].ToArray().Select(v => (int)v)];
        Check(fx, ["input"], t => F.CrossEntropy(t[0], labels));
    }

    [Fact]
    public void MatrixExponential() =>
        Check(TorchFixture.Load("matrix_exp"), ["input"], t => F.Expm(t[0]));

    [Fact]
    public void Cdist() =>
        Check(TorchFixture.Load("cdist"), ["x1", "x2"], t => F.Cdist(t[0], t[1]));

    [Theory]
    [InlineData("gelu")]
    [InlineData("silu")]
    [InlineData("softplus")]
    [InlineData("leaky_relu")]
    [InlineData("log_softmax")]
    public void Activation(string name)
    {
        var fx = TorchFixture.Load("activations");
        Func<Tensor, Tensor> f = name switch
        {
            "gelu" => F.Gelu,
            "silu" => F.Silu,
            "softplus" => F.Softplus,
            "leaky_relu" => x => F.LeakyRelu(x, fx.Float("leaky_relu_negative_slope")),
            "log_softmax" => x => F.LogSoftmax(x, fx.Int("log_softmax_dim")),
            _ => throw new ArgumentOutOfRangeException(nameof(name)),
        };
        var x = fx.Leaf("input");
        var y = f(x);
        FixtureAssert.Close(fx["output." + name], y, $"{name} output");
        (y * fx["proj." + name]).Sum().Backward();
        FixtureAssert.Close(fx["grad." + name], x.Grad, $"{name} gradient");
    }
}
