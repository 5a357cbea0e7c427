using LatentWorkbench.Engine;
using LatentWorkbench.Engine.NN;

namespace LatentWorkbench.Models;

/// <summary>relu(x + BN(Linear(relu(BN(Linear(x)))))): the residual block of the Koopman paper's classifier.</summary>
public sealed class ResidualBlock : Module
{
    private readonly Linear _fc1, _fc2;
    private readonly BatchNorm1d _bn1, _bn2;

    /// <summary>A block of constant width <paramref name="width"/>.</summary>
    public ResidualBlock(int width, Generator? generator = null)
    {
        _fc1 = RegisterModule("fc1", new Linear(width, width, generator: generator));
        _bn1 = RegisterModule("bn1", new BatchNorm1d(width));
        _fc2 = RegisterModule("fc2", new Linear(width, width, generator: generator));
        _bn2 = RegisterModule("bn2", new BatchNorm1d(width));
    }

    /// <summary>The block's output [n, width] of <paramref name="input"/> [n, width] (batch statistics in training mode, running ones in eval).</summary>
    public override Tensor Forward(Tensor input)
    {
        var h = _bn1.Call(_fc1.Call(input)).Relu();
        return (input + _bn2.Call(_fc2.Call(h))).Relu();
    }
}
