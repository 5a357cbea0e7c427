namespace LatentWorkbench.Engine;

/// <summary>
/// A region of code whose tensors give their memory back when it ends, like TorchSharp's
/// <c>torch.NewDisposeScope()</c>: <c>using var scope = DisposeScope.Begin();</c> around one training step, and every
/// buffer allocated on this thread inside it (op outputs, autograd intermediates, gradients flowing backwards)
/// returns to <see cref="TensorPool"/> at the end, where the next step reuses it. Tensors that must outlive the
/// scope are moved out with <see cref="Tensor.MoveToOuterScope"/> or <see cref="Tensor.DetachFromScope"/>;
/// parameters, module buffers, tensors given to an optimizer and leaves' <see cref="Tensor.Grad"/> are never taken.
/// Any other tensor of the scope (and every view of it) throws <see cref="ObjectDisposedException"/> when read
/// afterwards. Scopes nest; each belongs to the thread that began it and must end there (ending one ends any still
/// open inside it).
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

    /// <summary>
    /// Ends the scope: every buffer it still owns goes back to the pool and its tensors become unusable. Scopes
    /// nested in it that are still open (one left without <c>using</c>) end first.
    /// </summary>
    public void Dispose()
    {
        if (_ended) return;
        var open = _current;
        while (open is not null && !ReferenceEquals(open, this)) open = open.Outer;
        if (open is null)
            throw new InvalidOperationException("DisposeScope: a scope must end on the thread that began it");
        while (!ReferenceEquals(_current, this)) _current!.End();
        End();
    }

    private void End()
    {
        _ended = true;
        _current = Outer;
        foreach (var storage in _owned)
            if (ReferenceEquals(storage.Scope, this)) TensorPool.Return(storage.Release());
        _owned.Clear();
    }
}
