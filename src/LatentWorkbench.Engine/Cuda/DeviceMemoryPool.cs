namespace LatentWorkbench.Engine.Cuda;

/// <summary>
/// Exact-size free lists of device allocations, as <see cref="TensorPool"/> is for host buffers: an iteration that
/// asks for the same sizes every step allocates on the device only in its first step. Buffers come back when they are
/// disposed; <see cref="Trim"/> and <see cref="Dispose"/> give the memory back to the driver.
/// </summary>
public sealed unsafe class DeviceMemoryPool : IDisposable
{
    private readonly CudaContext _context;
    private readonly Dictionary<int, Stack<ulong>> _free = [];
    private readonly Lock _lock = new();

    internal DeviceMemoryPool(CudaContext context) => _context = context;

    /// <summary>Bytes currently held in the free lists.</summary>
    public long PooledBytes { get; private set; }

    /// <summary>A buffer of exactly <paramref name="length"/> floats with undefined contents.</summary>
    public DeviceBuffer Rent(int length)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 1);
        lock (_lock)
        {
            if (_free.TryGetValue(length, out var stack) && stack.Count > 0)
            {
                PooledBytes -= length * 4L;
                return new DeviceBuffer(this, stack.Pop(), length);
            }
        }
        _context.MakeCurrent();
        ulong pointer;
        _context.Api.Check(_context.Api.cuMemAlloc(&pointer, (nuint)(length * 4L)), $"cuMemAlloc_v2({length * 4L} bytes)");
        return new DeviceBuffer(this, pointer, length);
    }

    internal CudaContext Context => _context;

    internal void Return(ulong pointer, int length)
    {
        lock (_lock)
        {
            if (!_free.TryGetValue(length, out var stack)) _free[length] = stack = new Stack<ulong>();
            stack.Push(pointer);
            PooledBytes += length * 4L;
        }
    }

    /// <summary>Frees every pooled (not rented) allocation.</summary>
    public void Trim()
    {
        lock (_lock)
        {
            _context.MakeCurrent();
            foreach (var stack in _free.Values)
                while (stack.Count > 0) _context.Api.Check(_context.Api.cuMemFree(stack.Pop()), "cuMemFree_v2");
            PooledBytes = 0;
        }
    }

    /// <summary>Same as <see cref="Trim"/>; buffers still rented are freed when the context goes.</summary>
    public void Dispose() => Trim();
}
