using LatentWorkbench.Engine.NN;

namespace LatentWorkbench.Engine.Optim;

/// <summary>
/// Base of the gradient-descent optimizers (torch.optim.Optimizer): parameter groups with their own hyperparameters,
/// <see cref="ZeroGrad"/> and <see cref="Step"/>. Parameters without a gradient are skipped by a step. Per-parameter
/// state is allocated on a parameter's first step and reused, so steady-state steps do not allocate.
/// </summary>
public abstract class Optimizer
{
    private readonly ParamGroup[] _groups;
    private float[]? _scratch;

    /// <summary>Takes ownership of <paramref name="groups"/>, filling unset options with the given defaults.</summary>
    protected Optimizer(IEnumerable<ParamGroup> groups, double lr, double weightDecay, double momentum)
    {
        ArgumentNullException.ThrowIfNull(groups);
        _groups = [.. groups];
        if (_groups.Length == 0 || _groups.All(g => g.Params.Count == 0))
            throw new ArgumentException($"{GetType().Name} got an empty parameter list", nameof(groups));
        var seen = new HashSet<Tensor>(ReferenceEqualityComparer.Instance);
        for (int gi = 0; gi < _groups.Length; gi++)
        {
            _groups[gi].ApplyDefaults(lr, weightDecay, momentum);
            foreach (var p in _groups[gi].Params)
            {
                if (p is null) throw new ArgumentException($"{GetType().Name}: parameter group {gi} contains null", nameof(groups));
                if (!p.IsLeaf) throw new ArgumentException($"{GetType().Name}: can only optimize leaf tensors (group {gi} holds one produced by an operation)", nameof(groups));
                if (!p.IsContiguous) throw new ArgumentException($"{GetType().Name}: parameters must be contiguous (group {gi}, shape {ShapeMath.Format(p.Dims)})", nameof(groups));
                if (!seen.Add(p)) throw new ArgumentException($"{GetType().Name}: a parameter appears in more than one group (or twice in group {gi})", nameof(groups));
                p.DetachFromScope(); // optimized tensors live across steps, whatever dispose scope made them
            }
        }
    }

    /// <summary>Wraps a flat parameter list as one group.</summary>
    protected static IEnumerable<ParamGroup> SingleGroup(IEnumerable<Tensor> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return [new ParamGroup(parameters)];
    }

    /// <summary>The parameter groups, in the order given.</summary>
    public IReadOnlyList<ParamGroup> ParamGroups => _groups;

    /// <summary>The learning rate of the first group; setting it sets every group's.</summary>
    public double LearningRate
    {
        get => _groups[0].LearningRate;
        set { foreach (var g in _groups) g.LearningRate = value; }
    }

    /// <summary>Clears the gradients of all parameters (zero-filled in place by default, or dropped).</summary>
    public void ZeroGrad(bool setToNone = false)
    {
        foreach (var g in _groups)
            for (int i = 0; i < g.Params.Count; i++) GradUtil.Zero(g.Params[i], setToNone); // indexing: no enumerator allocation per step
    }

    /// <summary>Updates every parameter that has a gradient, in place.</summary>
    public void Step()
    {
        for (int gi = 0; gi < _groups.Length; gi++)
        {
            var group = _groups[gi];
            for (int pi = 0; pi < group.Params.Count; pi++)
            {
                var p = group.Params[pi];
                if (p.Grad is null) continue;
                if (p.Grad.Numel != p.Numel)
                    throw new InvalidOperationException($"{GetType().Name}: gradient of shape {ShapeMath.Format(p.Grad.Dims)} does not match parameter of shape {ShapeMath.Format(p.Dims)}");
                Update(group, gi, pi, p.AsSpan(), GradUtil.Values(p.Grad));
            }
        }
    }

    /// <summary>Applies the update rule to one parameter's values given its gradient.</summary>
    protected abstract void Update(ParamGroup group, int groupIndex, int paramIndex, Span<float> param, ReadOnlySpan<float> grad);

    /// <summary>
    /// The optimizer's state as named tensors for checkpoints: every group's learning rate ("group.{g}.lr") and
    /// each parameter's buffers ("state.{g}.{p}.{name}"). Values are copies.
    /// </summary>
    public Dictionary<string, Tensor> StateDict()
    {
        var state = new Dictionary<string, Tensor>();
        for (int gi = 0; gi < _groups.Length; gi++)
        {
            state[$"group.{gi}.lr"] = Tensor.FromArray(DoubleAsFloatBits(_groups[gi].LearningRate), 2);
            for (int pi = 0; pi < _groups[gi].Params.Count; pi++)
                foreach (var (name, values) in ExportState(gi, pi))
                    state[$"state.{gi}.{pi}.{name}"] = Tensor.FromArray((float[])values.Clone(), values.Length);
        }
        return state;
    }

    /// <summary>Restores what <see cref="StateDict"/> saved; the optimizer must hold the same parameter layout.</summary>
    public void LoadStateDict(IReadOnlyDictionary<string, Tensor> state)
    {
        var perParameter = new Dictionary<(int, int), Dictionary<string, float[]>>();
        foreach (var (key, tensor) in state)
        {
            var parts = key.Split('.');
            if (parts is ["group", var g, "lr"] && int.TryParse(g, out int gi) && gi < _groups.Length)
                _groups[gi].LearningRate = FloatBitsAsDouble(tensor.ToArray());
            else if (parts.Length == 4 && parts[0] == "state" && int.TryParse(parts[1], out gi) && int.TryParse(parts[2], out int pi)
                     && gi < _groups.Length && pi < _groups[gi].Params.Count)
            {
                if (tensor.Numel != _groups[gi].Params[pi].Numel && parts[3] != "step")
                    throw new ArgumentException($"optimizer state '{key}' has {tensor.Numel} values, parameter {pi} of group {gi} has {_groups[gi].Params[pi].Numel}");
                if (!perParameter.TryGetValue((gi, pi), out var slot)) perParameter[(gi, pi)] = slot = new();
                slot[parts[3]] = tensor.ToArray();
            }
            else throw new ArgumentException($"optimizer state '{key}' does not fit this {GetType().Name} ({_groups.Length} groups)");
        }
        foreach (var ((gi, pi), values) in perParameter) ImportState(gi, pi, values);
    }

    // Learning rates are doubles but checkpoints hold float32 tensors; the 64 bits travel as two floats'
    // bit patterns so a resumed run continues with exactly the same rate.
    private static float[] DoubleAsFloatBits(double value)
    {
        long bits = BitConverter.DoubleToInt64Bits(value);
        return [BitConverter.Int32BitsToSingle((int)bits), BitConverter.Int32BitsToSingle((int)(bits >> 32))];
    }

    private static double FloatBitsAsDouble(float[] halves) => halves.Length == 1 ? halves[0] :
        BitConverter.Int64BitsToDouble((uint)BitConverter.SingleToInt32Bits(halves[0]) | ((long)BitConverter.SingleToInt32Bits(halves[1]) << 32));

    /// <summary>The named buffers of one parameter's state (empty before its first step).</summary>
    protected virtual IEnumerable<(string Name, float[] Values)> ExportState(int groupIndex, int paramIndex) => [];

    /// <summary>Restores one parameter's buffers from <see cref="ExportState"/>'s names.</summary>
    protected virtual void ImportState(int groupIndex, int paramIndex, IReadOnlyDictionary<string, float[]> values) { }

    /// <summary>One state slot per parameter, indexed [group][parameter], for derived optimizers.</summary>
    protected T?[][] CreateState<T>() where T : class
    {
        var state = new T?[_groups.Length][];
        for (int i = 0; i < _groups.Length; i++) state[i] = new T?[_groups[i].Params.Count];
        return state;
    }

    /// <summary>A work buffer of at least <paramref name="length"/> floats, allocated once at the largest parameter size.</summary>
    protected Span<float> Scratch(int length)
    {
        if (_scratch is null || _scratch.Length < length)
        {
            int max = length;
            foreach (var g in _groups) foreach (var p in g.Params) max = Math.Max(max, p.Numel);
            _scratch = new float[max];
        }
        return _scratch.AsSpan(0, length);
    }
}
