namespace LatentWorkbench.Engine;

/// <summary>
/// Free lists of float buffers by exact length, filled by ending <see cref="DisposeScope"/>s and drawn on by tensors
/// created inside one. A training loop allocates the same shapes every batch, so after the first batch each
/// allocation is a hit and the large activation and gradient buffers stop reaching the garbage collector (most
/// are above the 85 kB large-object threshold, where every collection is a gen2 one). Thread-safe.
/// </summary>
public static class TensorPool
{
    private static readonly Lock Gate = new();
    private static readonly Dictionary<int, Stack<float[]>> Free = [];
    private static long _retainedFloats, _rents, _hits, _returns, _dropped;
    private static long _maxRetainedBytes = 512L << 20;

    /// <summary>Most bytes the free lists keep (default 512 MiB); buffers returned beyond it are left to the garbage collector.</summary>
    public static long MaxRetainedBytes
    {
        get => Interlocked.Read(ref _maxRetainedBytes);
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            Interlocked.Exchange(ref _maxRetainedBytes, value);
        }
    }

    /// <summary>Counters since start (or the last <see cref="ResetStatistics"/>) and the bytes held now.</summary>
    public static TensorPoolStatistics Statistics
    {
        get
        {
            lock (Gate) return new(_rents, _hits, _returns, _dropped, _retainedFloats * sizeof(float));
        }
    }

    /// <summary>Zeroes the counters (not the held buffers).</summary>
    public static void ResetStatistics()
    {
        lock (Gate) _rents = _hits = _returns = _dropped = 0;
    }

    /// <summary>Drops every held buffer.</summary>
    public static void Clear()
    {
        lock (Gate)
        {
            Free.Clear();
            _retainedFloats = 0;
        }
    }

    /// <summary>Test hook: fill returned buffers with NaN so a kernel that reads a reused buffer before writing it shows up.</summary>
    internal static bool PoisonReturned { get; set; }

    internal static float[] Rent(int length, bool clear)
    {
        float[]? array = null;
        lock (Gate)
        {
            _rents++;
            if (Free.TryGetValue(length, out var stack) && stack.Count > 0)
            {
                array = stack.Pop();
                _retainedFloats -= length;
                _hits++;
            }
        }
        if (array is null) return clear ? new float[length] : GC.AllocateUninitializedArray<float>(length);
        if (clear) System.Array.Clear(array);
        return array;
    }

    internal static void Return(float[]? array)
    {
        if (array is null) return;
        if (PoisonReturned) array.AsSpan().Fill(float.NaN);
        long max = MaxRetainedBytes / sizeof(float);
        lock (Gate)
        {
            _returns++;
            if (_retainedFloats + array.Length > max) { _dropped++; return; }
            if (!Free.TryGetValue(array.Length, out var stack)) Free[array.Length] = stack = new Stack<float[]>();
            stack.Push(array);
            _retainedFloats += array.Length;
        }
    }
}
