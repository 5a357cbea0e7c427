namespace LatentWorkbench.Engine.Cuda;

/// <summary>A float array in device memory, rented from a <see cref="DeviceMemoryPool"/> and returned to it on Dispose.</summary>
public sealed unsafe class DeviceBuffer : IDisposable
{
    private readonly DeviceMemoryPool _pool;
    private ulong _pointer;

    internal DeviceBuffer(DeviceMemoryPool pool, ulong pointer, int length)
    {
        _pool = pool;
        _pointer = pointer;
        Length = length;
    }

    /// <summary>Number of floats.</summary>
    public int Length { get; }

    /// <summary>The device address (CUdeviceptr).</summary>
    internal ulong Pointer => _pointer != 0 ? _pointer : throw new ObjectDisposedException(nameof(DeviceBuffer));

    /// <summary>Copies <paramref name="source"/> (at most <see cref="Length"/> floats) to the start of the buffer.</summary>
    public void Upload(ReadOnlySpan<float> source)
    {
        if (source.Length > Length) throw new ArgumentException($"{source.Length} floats do not fit a device buffer of {Length}", nameof(source));
        var context = _pool.Context;
        context.MakeCurrent();
        fixed (float* p = source)
            context.Api.Check(context.Api.cuMemcpyHtoD(Pointer, p, (nuint)(source.Length * 4L)), "cuMemcpyHtoD_v2");
    }

    /// <summary>Copies the first <paramref name="destination"/>.Length floats of the buffer to the host (waits for queued work).</summary>
    public void Download(Span<float> destination)
    {
        if (destination.Length > Length) throw new ArgumentException($"a device buffer of {Length} floats cannot fill {destination.Length}", nameof(destination));
        var context = _pool.Context;
        context.MakeCurrent();
        fixed (float* p = destination)
            context.Api.Check(context.Api.cuMemcpyDtoH(p, Pointer, (nuint)(destination.Length * 4L)), "cuMemcpyDtoH_v2");
    }

    /// <summary>Copies <paramref name="count"/> floats from <paramref name="source"/> on the device.</summary>
    public void CopyFrom(DeviceBuffer source, int count)
    {
        if (count > Length || count > source.Length) throw new ArgumentOutOfRangeException(nameof(count), count, $"exceeds a buffer ({source.Length} -> {Length})");
        var context = _pool.Context;
        context.MakeCurrent();
        context.Api.Check(context.Api.cuMemcpyDtoD(Pointer, source.Pointer, (nuint)(count * 4L)), "cuMemcpyDtoD_v2");
    }

    /// <summary>Returns the allocation to the pool.</summary>
    public void Dispose()
    {
        if (_pointer == 0) return;
        _pool.Return(_pointer, Length);
        _pointer = 0;
    }
}
