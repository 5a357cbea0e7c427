using LatentWorkbench.Engine;
using LatentWorkbench.Engine.NN;

namespace LatentWorkbench.Models;

/// <summary>
/// The classifier whose hidden states the Koopman autoencoder models: Linear+BatchNorm+ReLU input layer,
/// <c>blocks</c> residual blocks of constant width, linear head. Layer 0 is the input layer's output,
/// layer i the output of block i; the head reads the last layer.
/// </summary>
public sealed class ResidualMlp : Module
{
    private readonly Linear _input;
    private readonly BatchNorm1d _inputNorm;

    /// <summary>Builds the network with PyTorch's default initialisation drawn from <paramref name="generator"/>.</summary>
    public ResidualMlp(int inputDim, int width, int blocks, int classes, Generator? generator = null)
    {
        if (inputDim <= 0) throw new ArgumentOutOfRangeException(nameof(inputDim), inputDim, "must be positive");
        if (width <= 0) throw new ArgumentOutOfRangeException(nameof(width), width, "must be positive");
        if (blocks < 1) throw new ArgumentOutOfRangeException(nameof(blocks), blocks, "needs at least one residual block");
        if (classes < 2) throw new ArgumentOutOfRangeException(nameof(classes), classes, "needs at least two classes");
        InputDim = inputDim; Width = width; Classes = classes;
        _input = RegisterModule("input", new Linear(inputDim, width, generator: generator));
        _inputNorm = RegisterModule("input_bn", new BatchNorm1d(width));
        var list = new ResidualBlock[blocks];
        for (int i = 0; i < blocks; i++) list[i] = RegisterModule($"block{i}", new ResidualBlock(width, generator));
        Blocks = list;
        Head = RegisterModule("head", new Linear(width, classes, generator: generator));
    }

    /// <summary>Input features per sample (Yin-Yang 4, MNIST 784); image inputs are flattened to this.</summary>
    public int InputDim { get; }
    /// <summary>Hidden width of every layer: each captured state is [n, Width].</summary>
    public int Width { get; }
    /// <summary>Number of classes: the head's outputs, logits [n, Classes].</summary>
    public int Classes { get; }
    /// <summary>The residual blocks in order; block i produces hidden layer i + 1.</summary>
    public IReadOnlyList<ResidualBlock> Blocks { get; }
    /// <summary>The linear head: logits [n, Classes] from the last hidden layer [n, Width].</summary>
    public Linear Head { get; }
    /// <summary>Hidden layers whose states are captured: the input layer plus one per block.</summary>
    public int LayerCount => Blocks.Count + 1;

    /// <summary>The output of the input layer (hidden layer 0), [n, Width], of inputs [n, InputDim] (or images, flattened).</summary>
    public Tensor InputLayer(Tensor input) => _inputNorm.Call(_input.Call(input.Rank == 2 ? input : input.Flatten(1))).Relu();

    /// <summary>Logits [n, Classes] of inputs [n, InputDim].</summary>
    public override Tensor Forward(Tensor input)
    {
        var h = InputLayer(input);
        foreach (var block in Blocks) h = block.Call(h);
        return Head.Call(h);
    }
}
