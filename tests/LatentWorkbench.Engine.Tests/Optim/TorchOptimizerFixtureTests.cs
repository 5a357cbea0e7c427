using LatentWorkbench.Engine.NN;
using LatentWorkbench.Engine.Optim;
using LatentWorkbench.Engine.Tests.Fixtures;

namespace LatentWorkbench.Engine.Tests.Optim;

/// <summary>
/// Three MSE training steps of Linear(4,8)-ReLU-Linear(8,3) from PyTorch 1.13 (tests/fixtures/torch/optim_*.safetensors):
/// the same initial weights and data must give the same losses and the same weights after every step.
/// </summary>
public class TorchOptimizerFixtureTests
{
    [Theory]
    [InlineData("sgd")]
    [InlineData("adam")]
    [InlineData("adamw")]
    public void ThreeStepsMatchPyTorch(string name)
    {
        var fx = TorchFixture.Load("optim_" + name);
        var model = new Sequential(new Linear(4, 8), new ReLU(), new Linear(8, 3));
        model.LoadStateDict(model.StateDict().Keys.ToDictionary(k => k, k => fx["init." + k]));
        Optimizer optimizer = name switch
        {
            "sgd" => new SGD(model.Parameters(), lr: fx.Float("lr"), momentum: fx.Float("momentum"), weightDecay: fx.Float("weight_decay"), nesterov: true),
            "adam" => new Adam(model.Parameters(), lr: fx.Float("lr"), eps: fx.Float("eps"), weightDecay: fx.Float("weight_decay")),
            _ => new AdamW(model.Parameters(), lr: fx.Float("lr"), eps: fx.Float("eps"), weightDecay: fx.Float("weight_decay")),
        };
        var x = fx["x"];
        var y = fx["y"];
        var losses = fx["loss"].ToArray();
        for (int step = 1; step <= 3; step++)
        {
            optimizer.ZeroGrad();
            var loss = F.MseLoss(model.Call(x), y);
            loss.Backward();
            optimizer.Step();
            Assert.Equal(losses[step - 1], loss.Item(), 5);
            foreach (var (key, value) in model.StateDict())
                FixtureAssert.Close(fx[$"step{step}.{key}"], value, $"{name} step {step} {key}", rtol: 1e-5, atol: 1e-6);
        }
    }
}
