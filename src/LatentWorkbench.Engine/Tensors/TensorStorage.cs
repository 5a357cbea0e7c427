namespace LatentWorkbench.Engine;

/// <summary>
/// The flat buffer behind a tensor and every view of it. It knows the <see cref="DisposeScope"/> that owns it (if
/// any); once that scope has ended the buffer is back in <see cref="TensorPool"/>, so every view refuses access
/// instead of reading memory that a later tensor now uses.
/// </summary>
internal sealed class TensorStorage
{
    private float[]? _array;

    private TensorStorage(float[] array) => _array = array;

    /// <summary>The scope that returns this buffer to the pool when it ends, or null (the garbage collector owns it).</summary>
    public DisposeScope? Scope { get; set; }

    /// <summary>Whether the owning scope has ended and the buffer is gone.</summary>
    public bool IsDisposed => _array is null;

    /// <summary>The elements; throws once the owning scope has ended.</summary>
    public float[] Array => _array ?? throw new ObjectDisposedException(nameof(Tensor),
        "this tensor's storage was returned to the pool when its DisposeScope ended; call MoveToOuterScope() or DetachFromScope() inside the scope to keep it");

    /// <summary>Wraps an array the caller owns; no scope ever takes it, so the pool never hands it out.</summary>
    public static TensorStorage Wrap(float[] array) => new(array);

    /// <summary>
    /// A fresh buffer of exactly <paramref name="length"/> floats: from the pool and owned by the current scope when
    /// one is open on this thread, else a plain array. <paramref name="clear"/> false leaves old values in it.
    /// </summary>
    public static TensorStorage Allocate(int length, bool clear)
    {
        var scope = DisposeScope.Current;
        if (scope is null) return new(clear ? new float[length] : GC.AllocateUninitializedArray<float>(length));
        var storage = new TensorStorage(TensorPool.Rent(length, clear));
        scope.Register(storage);
        return storage;
    }

    /// <summary>Gives the array up (to be pooled) and marks every view of it disposed.</summary>
    public float[]? Release()
    {
        var array = _array;
        _array = null;
        Scope = null;
        return array;
    }
}
