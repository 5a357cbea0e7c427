using System.Collections;
using System.Globalization;

namespace LatentWorkbench.Engine.NN;

/// <summary>
/// An indexed list of child modules named "0", "1", ... (torch.nn.ModuleList), for models whose forward pass uses its
/// layers in a custom way. It has no forward computation of its own.
/// </summary>
public sealed class ModuleList : Module, IEnumerable<Module>
{
    private readonly List<Module> _items = [];

    /// <summary>Creates the list from <paramref name="modules"/>.</summary>
    public ModuleList(params Module[] modules)
    {
        ArgumentNullException.ThrowIfNull(modules);
        foreach (var m in modules) Add(m);
    }

    /// <summary>Appends a module; returns this list.</summary>
    public ModuleList Add(Module module)
    {
        RegisterModule(_items.Count.ToString(CultureInfo.InvariantCulture), module);
        _items.Add(module);
        return this;
    }

    /// <summary>The number of modules.</summary>
    public int Count => _items.Count;

    /// <summary>The module at <paramref name="index"/> (negative counts from the end).</summary>
    public Module this[int index]
    {
        get
        {
            int i = index < 0 ? index + _items.Count : index;
            if ((uint)i >= (uint)_items.Count) throw new ArgumentOutOfRangeException(nameof(index), index, $"ModuleList has {_items.Count} modules");
            return _items[i];
        }
    }

    /// <summary>Not supported: a ModuleList is a container, iterate it in the owning module's forward pass.</summary>
    public override Tensor Forward(Tensor input) =>
        throw new NotSupportedException("ModuleList has no forward pass; call its modules from the owning module's Forward");

    /// <inheritdoc/>
    public IEnumerator<Module> GetEnumerator() => _items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
