using System.Globalization;
using LatentWorkbench.Engine.Serialization;

namespace LatentWorkbench.Engine.Tests.Fixtures;

/// <summary>One golden case written by tests/fixtures/make_fixtures.py: tensors and hyperparameters from PyTorch.</summary>
public sealed class TorchFixture
{
    private readonly SafeTensorsFile _file;

    public string Name { get; }

    private TorchFixture(string name, SafeTensorsFile file)
    {
        Name = name;
        _file = file;
    }

    public static TorchFixture Load(string name) =>
        new(name, SafeTensors.Load(Path.Combine(AppContext.BaseDirectory, "fixtures", "torch", name + ".safetensors")));

    public bool Has(string tensor) => _file.Tensors.ContainsKey(tensor);

    /// <summary>A fresh copy, so tests may modify it (running statistics, optimiser steps) without touching others.</summary>
    public Tensor this[string tensor] =>
        _file.Tensors.TryGetValue(tensor, out var t) ? t.Detach().Clone() : throw new KeyNotFoundException($"fixture '{Name}' has no tensor '{tensor}'");

    /// <summary>A fresh copy marked as requiring gradients.</summary>
    public Tensor Leaf(string tensor)
    {
        var t = this[tensor];
        t.RequiresGrad = true;
        return t;
    }

    public IEnumerable<string> TensorNames => _file.Tensors.Keys;

    public int Int(string key) => int.Parse(Meta(key), CultureInfo.InvariantCulture);

    public float Float(string key) => float.Parse(Meta(key), CultureInfo.InvariantCulture);

    public string Meta(string key) =>
        _file.Metadata.TryGetValue(key, out var v) ? v : throw new KeyNotFoundException($"fixture '{Name}' has no metadata '{key}'");
}
