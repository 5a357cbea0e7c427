namespace LatentWorkbench.Engine;

public sealed partial class Tensor
{
    /// <summary>Whether the <see cref="DisposeScope"/> that owned this tensor's storage has ended (reading it then throws).</summary>
    public bool IsDisposed => Buffer.IsDisposed;

    /// <summary>
    /// Hands this tensor's storage (shared by all its views) to the scope enclosing the one that owns it, so it
    /// survives that scope's end (TorchSharp's MoveToOuterDisposeScope); with no enclosing scope the garbage
    /// collector owns it. A tensor created outside any scope is returned unchanged. Returns this tensor.
    /// </summary>
    public Tensor MoveToOuterScope()
    {
        var scope = Buffer.Scope;
        if (scope is null) { _ = Buffer.Array; return this; } // still throws when already disposed
        var outer = scope.Outer;
        if (outer is null) Buffer.Scope = null;
        else outer.Register(Buffer);
        return this;
    }

    /// <summary>Takes this tensor's storage out of every dispose scope; the garbage collector owns it from now on. Returns this tensor.</summary>
    public Tensor DetachFromScope()
    {
        _ = Buffer.Array; // throws when already disposed
        Buffer.Scope = null;
        return this;
    }
}
