namespace LatentWorkbench.Engine;

/// <summary>
/// A region of code whose tensors give their memory back when it ends, like TorchSharp's
/// <c>torch.NewDisposeScope()</c>: <c>using var scope = DisposeScope.Begin();</c> around one training step, and every
/// buffer allocated on this thread inside it (op outputs, autograd intermediates, gradients flowing backwards)
/// returns to <see cref="TensorPool"/> at the end, where the next step reuses it. Tensors that must outlive the
/// scope are moved out with <see cref="Tensor.MoveToOuterScope"/> or <see cref="Tensor.DetachFromScope"/>;
/// parameters, module buffers and leaves' <see cref="Tensor.Grad"/> are never taken. Any other tensor of the scope
/// (and every view of it) throws <see cref="ObjectDisposedException"/> when read afterwards. Scopes nest; each
/// belongs to the thread that began it and must end there, innermost first.
/// </summary>
public sealed class DisposeScope : IDisposable
{
    [ThreadStatic] private static DisposeScope? _current;

    private readonly List<TensorStorage> _owned = [];
    private bool _ended;

    private DisposeScope(DisposeScope? outer) => Outer = outer;

    /// <summary>Opens a scope nested in the current one (if any) and makes it current on this thread.</summary>
    public static DisposeScope Begin() => _current = new DisposeScope(_current);

    /// <summary>The innermost open scope on this thread, or null.</summary>
    public static DisposeScope? Current => _current;

    /// <summary>The scope this one is nested in, or null.</summary>
    public DisposeScope? Outer { get; }

    /// <summary>How many buffers this scope will return when it ends.</summary>
    public int Count
    {
        get
        {
            int n = 0;
            foreach (var s in _owned) if (ReferenceEquals(s.Scope, this)) n++;
            return n;
        }
    }

    internal void Register(TensorStorage storage)
    {
        if (_ended) throw new ObjectDisposedException(nameof(DisposeScope));
        storage.Scope = this;
        _owned.Add(storage);
    }

    /// <summary>Ends the scope: every buffer it still owns goes back to the pool and its tensors become unusable.</summary>
    public void Dispose()
    {
        if (_ended) return;
        if (!ReferenceEquals(_current, this))
            throw new InvalidOperationException("DisposeScope: scopes must end on the thread that began them, innermost first (an inner scope is still open)");
        _ended = true;
        _current = Outer;
        foreach (var storage in _owned)
            if (ReferenceEquals(storage.Scope, this)) TensorPool.Return(storage.Release());
        _owned.Clear();
    }
}
