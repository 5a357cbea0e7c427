using System.Text;

namespace LatentWorkbench.Engine.NN;

/// <summary>
/// Base class of every layer and model, after torch.nn.Module: it owns parameters (trainable tensors), buffers
/// (state such as running statistics) and child modules, all kept in registration order so that names and the
/// state dictionary match PyTorch's (<c>encoder.0.weight</c>, <c>bn.running_mean</c>).
/// </summary>
public abstract class Module
{
    private readonly List<KeyValuePair<string, Tensor>> _parameters = [];
    private readonly List<KeyValuePair<string, Tensor>> _buffers = [];
    private readonly List<KeyValuePair<string, Module>> _modules = [];
    private readonly List<Action<Module, Tensor, Tensor>> _forwardHooks = [];

    /// <summary>True in training mode (the default); affects BatchNorm and Dropout.</summary>
    public bool Training { get; private set; } = true;

    /// <summary>Sets training mode on this module and every descendant; returns this module.</summary>
    public Module Train(bool mode = true)
    {
        Training = mode;
        foreach (var child in _modules) child.Value.Train(mode);
        return this;
    }

    /// <summary>Sets evaluation mode recursively (same as <c>Train(false)</c>); returns this module.</summary>
    public Module Eval() => Train(false);

    /// <summary>The computation of this module. Call modules through <see cref="Call"/> so forward hooks run.</summary>
    public abstract Tensor Forward(Tensor input);

    /// <summary>Runs <see cref="Forward"/> and then the registered forward hooks (like calling a torch module).</summary>
    public Tensor Call(Tensor input)
    {
        var output = Forward(input);
        for (int i = 0; i < _forwardHooks.Count; i++) _forwardHooks[i](this, input, output);
        return output;
    }

    /// <summary>
    /// Registers <paramref name="hook"/>(module, input, output) to run after every <see cref="Call"/>, e.g. to capture
    /// hidden activations. Dispose the returned handle to remove it.
    /// </summary>
    public IDisposable RegisterForwardHook(Action<Module, Tensor, Tensor> hook)
    {
        ArgumentNullException.ThrowIfNull(hook);
        _forwardHooks.Add(hook);
        return new HookHandle(() => _forwardHooks.Remove(hook));
    }

    private sealed class HookHandle(Action remove) : IDisposable
    {
        private Action? _remove = remove;
        public void Dispose() { _remove?.Invoke(); _remove = null; }
    }

    /// <summary>Adds a child module under <paramref name="name"/> (no dots); returns it for field initialisation.</summary>
    public T RegisterModule<T>(string name, T module) where T : Module
    {
        ArgumentNullException.ThrowIfNull(module);
        CheckNewName(name);
        _modules.Add(new(name, module));
        return module;
    }

    /// <summary>Adds a trainable tensor under <paramref name="name"/> and sets its RequiresGrad; returns it.</summary>
    public Tensor RegisterParameter(string name, Tensor parameter)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        CheckNewName(name);
        if (!parameter.IsLeaf) throw new ArgumentException($"parameter '{name}' must be a leaf tensor; pass a Detach()ed copy", nameof(parameter));
        if (!parameter.IsContiguous) parameter = parameter.ContiguousCopy();
        parameter.DetachFromScope(); // a module's state outlives any dispose scope it was built in
        parameter.RequiresGrad = true;
        _parameters.Add(new(name, parameter));
        return parameter;
    }

    /// <summary>Adds a non-trainable state tensor (saved in the state dictionary) under <paramref name="name"/>; returns it.</summary>
    public Tensor RegisterBuffer(string name, Tensor buffer)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        CheckNewName(name);
        if (!buffer.IsContiguous) buffer = buffer.ContiguousCopy();
        buffer.DetachFromScope();
        _buffers.Add(new(name, buffer));
        return buffer;
    }

    private void CheckNewName(string name)
    {
        if (string.IsNullOrEmpty(name) || name.Contains('.'))
            throw new ArgumentException($"{GetType().Name}: name '{name}' must be non-empty and contain no '.'", nameof(name));
        foreach (var p in _parameters) if (p.Key == name) throw Duplicate(name);
        foreach (var b in _buffers) if (b.Key == name) throw Duplicate(name);
        foreach (var m in _modules) if (m.Key == name) throw Duplicate(name);
    }

    private ArgumentException Duplicate(string name) => new($"{GetType().Name}: '{name}' is already registered", nameof(name));

    /// <summary>The direct children with their names, in registration order.</summary>
    public IEnumerable<KeyValuePair<string, Module>> NamedChildren() => _modules;

    /// <summary>The direct children in registration order.</summary>
    public IEnumerable<Module> Children() => _modules.Select(m => m.Value);

    /// <summary>This module (name "") and every descendant with dotted names, depth first, each module once.</summary>
    public IEnumerable<KeyValuePair<string, Module>> NamedModules()
    {
        var seen = new HashSet<Module>(ReferenceEqualityComparer.Instance);
        return NamedModules("", seen);
    }

    private IEnumerable<KeyValuePair<string, Module>> NamedModules(string prefix, HashSet<Module> seen)
    {
        if (!seen.Add(this)) yield break;
        yield return new(prefix, this);
        foreach (var (name, child) in _modules)
            foreach (var item in child.NamedModules(Join(prefix, name), seen)) yield return item;
    }

    /// <summary>This module and all descendants.</summary>
    public IEnumerable<Module> Modules() => NamedModules().Select(m => m.Value);

    /// <summary>Every parameter with its dotted name (e.g. <c>0.weight</c>); a tensor shared by two modules appears once.</summary>
    public IEnumerable<KeyValuePair<string, Tensor>> NamedParameters()
    {
        var seen = new HashSet<Tensor>(ReferenceEqualityComparer.Instance);
        foreach (var (prefix, module) in NamedModules())
            foreach (var (name, p) in module._parameters)
                if (seen.Add(p)) yield return new(Join(prefix, name), p);
    }

    /// <summary>Every parameter (for an optimizer), shared tensors once.</summary>
    public IEnumerable<Tensor> Parameters() => NamedParameters().Select(p => p.Value);

    /// <summary>Every buffer with its dotted name (e.g. <c>1.running_mean</c>).</summary>
    public IEnumerable<KeyValuePair<string, Tensor>> NamedBuffers()
    {
        var seen = new HashSet<Tensor>(ReferenceEqualityComparer.Instance);
        foreach (var (prefix, module) in NamedModules())
            foreach (var (name, b) in module._buffers)
                if (seen.Add(b)) yield return new(Join(prefix, name), b);
    }

    /// <summary>Every buffer.</summary>
    public IEnumerable<Tensor> Buffers() => NamedBuffers().Select(b => b.Value);

    /// <summary>The total number of parameter elements.</summary>
    public long ParameterCount
    {
        get
        {
            long n = 0;
            foreach (var p in Parameters()) n += p.Numel;
            return n;
        }
    }

    /// <summary>
    /// The module's state as in PyTorch's state_dict(): for each module depth first, its parameters then its buffers,
    /// with dotted names. The tensors are the live ones (not copies).
    /// </summary>
    public OrderedDictionary<string, Tensor> StateDict()
    {
        var dict = new OrderedDictionary<string, Tensor>();
        AddState(dict, "");
        return dict;
    }

    // Unlike NamedModules, no de-duplication: a module reachable under two names is saved under both, as in PyTorch.
    private void AddState(OrderedDictionary<string, Tensor> dict, string prefix)
    {
        foreach (var (name, p) in _parameters) dict[Join(prefix, name)] = p;
        foreach (var (name, b) in _buffers) dict[Join(prefix, name)] = b;
        foreach (var (name, child) in _modules) child.AddState(dict, Join(prefix, name));
    }

    /// <summary>
    /// Copies the values of <paramref name="stateDict"/> into this module's parameters and buffers in place.
    /// Everything is checked before anything is written: a shape mismatch always throws; missing or unexpected keys
    /// throw when <paramref name="strict"/>, and are otherwise reported in the result.
    /// </summary>
    public LoadStateDictResult LoadStateDict(IEnumerable<KeyValuePair<string, Tensor>> stateDict, bool strict = true)
    {
        ArgumentNullException.ThrowIfNull(stateDict);
        var own = StateDict();
        var source = new Dictionary<string, Tensor>();
        foreach (var (k, v) in stateDict) source[k] = v ?? throw new ArgumentException($"state dict entry '{k}' is null", nameof(stateDict));
        var missing = own.Keys.Where(k => !source.ContainsKey(k)).ToList();
        var unexpected = source.Keys.Where(k => !own.ContainsKey(k)).ToList();
        var errors = new List<string>();
        foreach (var (name, target) in own)
        {
            if (source.TryGetValue(name, out var value) && !value.Shape.SequenceEqual(target.Shape))
                errors.Add($"size mismatch for {name}: copying a param with shape {ShapeMath.Format(value.Dims)}, the shape in the current model is {ShapeMath.Format(target.Dims)}.");
        }
        if (strict && unexpected.Count > 0) errors.Insert(0, "Unexpected key(s) in state_dict: " + string.Join(", ", unexpected.Select(k => $"\"{k}\"")) + ".");
        if (strict && missing.Count > 0) errors.Insert(0, "Missing key(s) in state_dict: " + string.Join(", ", missing.Select(k => $"\"{k}\"")) + ".");
        if (errors.Count > 0)
            throw new ArgumentException($"Error(s) in loading state_dict for {GetType().Name}:\n\t" + string.Join("\n\t", errors), nameof(stateDict));
        foreach (var (name, target) in own)
            if (source.TryGetValue(name, out var value)) target.CopyFrom(value);
        return new LoadStateDictResult(missing, unexpected);
    }

    /// <summary>Clears every parameter's gradient: zero-filled in place (keeping the buffer), or dropped when <paramref name="setToNone"/>.</summary>
    public void ZeroGrad(bool setToNone = false)
    {
        foreach (var p in Parameters()) GradUtil.Zero(p, setToNone);
    }

    /// <summary>Sets RequiresGrad on every parameter (like requires_grad_()), e.g. to freeze a model; returns this module.</summary>
    public Module RequiresGrad(bool requiresGrad = true)
    {
        foreach (var p in Parameters()) p.RequiresGrad = requiresGrad;
        return this;
    }

    /// <summary>Calls <paramref name="action"/> on every descendant and then on this module (like apply()); returns this module.</summary>
    public Module Apply(Action<Module> action)
    {
        foreach (var child in _modules) child.Value.Apply(action);
        action(this);
        return this;
    }

    /// <summary>The arguments shown inside the parentheses of <see cref="ToString"/> (PyTorch's extra_repr).</summary>
    protected virtual string ExtraRepr() => "";

    /// <summary>The module tree in PyTorch's repr format.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append(GetType().Name).Append('(');
        string extra = ExtraRepr();
        if (_modules.Count == 0) return sb.Append(extra).Append(')').ToString();
        sb.Append('\n');
        if (extra.Length > 0) sb.Append("  ").Append(extra.Replace("\n", "\n  ")).Append('\n');
        foreach (var (name, child) in _modules)
            sb.Append("  (").Append(name).Append("): ").Append(child.ToString().Replace("\n", "\n  ")).Append('\n');
        return sb.Append(')').ToString();
    }

    private static string Join(string prefix, string name) => prefix.Length == 0 ? name : prefix + "." + name;

    /// <summary>Formats a float the way Python prints it in reprs (1e-05, 0.1, 1.0).</summary>
    protected static string PyFloat(double value)
    {
        if (value == Math.Floor(value) && Math.Abs(value) < 1e16) return value.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture);
        string s = ((float)value).ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        // Python writes exponents with at least two digits and no '+'.
        int e = s.IndexOf('E');
        if (e < 0) return s;
        string mantissa = s[..e];
        int exponent = int.Parse(s[(e + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        return $"{mantissa}e{(exponent < 0 ? "-" : "+")}{Math.Abs(exponent):00}";
    }

    /// <summary>Python's spelling of a bool.</summary>
    protected static string PyBool(bool value) => value ? "True" : "False";
}

/// <summary>The keys that <see cref="Module.LoadStateDict"/> did not match (non-strict loading).</summary>
public sealed record LoadStateDictResult(IReadOnlyList<string> MissingKeys, IReadOnlyList<string> UnexpectedKeys);
