using System.Collections;
using System.Globalization;

namespace LatentWorkbench.Engine.NN;

/// <summary>
/// A chain of modules applied in order (torch.nn.Sequential). Children are named "0", "1", ..., so parameters are
/// named <c>0.weight</c>, <c>1.running_mean</c>, ... as in PyTorch.
/// </summary>
public sealed class Sequential : Module, IEnumerable<Module>
{
    private readonly List<Module> _layers = [];

    /// <summary>Creates the chain from <paramref name="modules"/> in order.</summary>
    public Sequential(params Module[] modules)
    {
        ArgumentNullException.ThrowIfNull(modules);
        foreach (var m in modules) Add(m);
    }

    /// <summary>Appends a module (named by its position); returns this chain for fluent building.</summary>
    public Sequential Add(Module module)
    {
        RegisterModule(_layers.Count.ToString(CultureInfo.InvariantCulture), module);
        _layers.Add(module);
        return this;
    }

    /// <summary>The number of modules.</summary>
    public int Count => _layers.Count;

    /// <summary>The module at <paramref name="index"/> (negative counts from the end).</summary>
    public Module this[int index]
    {
        get
        {
            int i = index < 0 ? index + _layers.Count : index;
            if ((uint)i >= (uint)_layers.Count) throw new ArgumentOutOfRangeException(nameof(index), index, $"Sequential has {_layers.Count} modules");
            return _layers[i];
        }
    }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input)
    {
        var x = input;
        foreach (var layer in _layers) x = layer.Call(x);
        return x;
    }

    /// <summary>An allocation-free, gradient-free forward pass through this chain (Linear layers and point-wise activations).</summary>
    public InferencePlan CreateInferencePlan(int chunkRows = 1024) => new([this], chunkRows);

    /// <inheritdoc/>
    public IEnumerator<Module> GetEnumerator() => _layers.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
