using LatentWorkbench.Engine.NN;
using LatentWorkbench.Engine.Optim;

namespace LatentWorkbench.Engine.Tests.Fixtures;

/// <summary>
/// Three optimiser steps on Linear(4,8)-ReLU-Linear(8,3) with MSE loss from PyTorch's initial weights:
/// the loss before each step and every weight after it match PyTorch 1.13.
/// </summary>
public sealed class OptimizerFixtureTests
{
    private static Dictionary<string, Tensor> WithPrefix(TorchFixture fx, string prefix) =>
        fx.TensorNames.Where(n => n.StartsWith(prefix, StringComparison.Ordinal)).ToDictionary(n => n[prefix.Length..], n => fx[n]);

    [Theory]
    [InlineData("sgd")]
    [InlineData("adam")]
    [InlineData("adamw")]
    public void OptimizerTrajectoryMatchesTorch(string name)
    {
        var fx = TorchFixture.Load("optim_" + name);
        var model = new Sequential(new Linear(4, 8, generator: new Generator(1)), new ReLU(), new Linear(8, 3, generator: new Generator(2)));
        model.LoadStateDict(WithPrefix(fx, "init."));
        var parameters = model.Parameters().ToList();
        Optimizer optimizer = name switch
        {
            "sgd" => new SGD(parameters, lr: 0.1, momentum: 0.9, weightDecay: 1e-4, nesterov: true),
            "adam" => new Adam(parameters, lr: 1e-2, weightDecay: 1e-4),
            "adamw" => new AdamW(parameters, lr: 1e-2, weightDecay: 1e-2),
            _ => throw new ArgumentOutOfRangeException(nameof(name)),
        };
        var x = fx["x"];
        var y = fx["y"];
        var losses = fx["loss"].ToArray();
        for (int step = 1; step <= 3; step++)
        {
            optimizer.ZeroGrad();
            var loss = F.MseLoss(model.Forward(x), y);
            Assert.True(Math.Abs(loss.Item() - losses[step - 1]) <= 1e-4 + 1e-5 * Math.Abs(losses[step - 1]),
                $"{name} step {step}: loss {loss.Item():G9}, torch {losses[step - 1]:G9}");
            loss.Backward();
            optimizer.Step();
            var state = model.StateDict();
            // Each step moves weights by ~1e-2 while weight decay contributes ~1e-4 of that; a 1e-6 absolute tolerance
            // (observed error below 1e-7) keeps a wrong decay or momentum rule from passing.
            foreach (var (key, expected) in WithPrefix(fx, $"step{step}."))
                FixtureAssert.Close(expected, state[key], $"{name} step {step} {key}", atol: 1e-6);
        }
    }
}
