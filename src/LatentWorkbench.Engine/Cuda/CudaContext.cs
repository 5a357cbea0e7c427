using System.Runtime.InteropServices;

namespace LatentWorkbench.Engine.Cuda;

/// <summary>
/// Device 0's primary context, a cuBLAS handle, the pooled device memory and the run-time-compiled kernels. One per
/// process (<see cref="CudaRuntime.Context"/>); every operation makes the context current on the calling thread first.
/// </summary>
public sealed unsafe class CudaContext : IDisposable
{
    private readonly nint _context;
    private readonly nint _cublas;
    private readonly int _device;
    private CudaKernels? _kernels;
    private bool _disposed;

    internal CudaContext(CudaApi api, int ordinal)
    {
        Api = api;
        api.Check(api.cuInit(0), "cuInit");
        int count;
        api.Check(api.cuDeviceGetCount(&count), "cuDeviceGetCount");
        if (count <= ordinal) throw new CudaException("cuDeviceGetCount", 100, $"CUDA_ERROR_NO_DEVICE: {count} device(s), device {ordinal} requested");
        int device;
        api.Check(api.cuDeviceGet(&device, ordinal), "cuDeviceGet");
        _device = device;
        var name = stackalloc byte[256];
        api.Check(api.cuDeviceGetName(name, 256, device), "cuDeviceGetName");
        Name = Marshal.PtrToStringAnsi((nint)name) ?? $"device {ordinal}";
        int major, minor;
        api.Check(api.cuDeviceGetAttribute(&major, 75, device), "cuDeviceGetAttribute(COMPUTE_CAPABILITY_MAJOR)");
        api.Check(api.cuDeviceGetAttribute(&minor, 76, device), "cuDeviceGetAttribute(COMPUTE_CAPABILITY_MINOR)");
        ComputeCapability = (major, minor);
        nint context;
        api.Check(api.cuDevicePrimaryCtxRetain(&context, device), "cuDevicePrimaryCtxRetain");
        _context = context;
        MakeCurrent();
        nint handle;
        CudaApi.CheckCublas(api.cublasCreate(&handle), "cublasCreate_v2");
        _cublas = handle;
        Memory = new DeviceMemoryPool(this);
    }

    internal CudaApi Api { get; }

    internal nint Cublas => _cublas;

    /// <summary>The device's name as the driver reports it, e.g. "NVIDIA H200".</summary>
    public string Name { get; }

    /// <summary>The device's compute capability (9.0 for Hopper).</summary>
    public (int Major, int Minor) ComputeCapability { get; }

    /// <summary>Pooled device allocations (plain cuMemAlloc, never managed memory).</summary>
    public DeviceMemoryPool Memory { get; }

    /// <summary>The point-wise kernels, compiled with NVRTC for this device on first use.</summary>
    internal CudaKernels Kernels => _kernels ??= new CudaKernels(this);

    /// <summary>Makes this context current on the calling thread (CUDA contexts are per thread).</summary>
    public void MakeCurrent()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        Api.Check(Api.cuCtxSetCurrent(_context), "cuCtxSetCurrent");
    }

    /// <summary>Waits for all queued work; errors of earlier asynchronous launches surface here.</summary>
    public void Synchronize()
    {
        MakeCurrent();
        Api.Check(Api.cuCtxSynchronize(), "cuCtxSynchronize");
    }

    /// <summary>Frees the pooled memory, the kernels, the cuBLAS handle and the context reference.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        MakeCurrent();
        _kernels?.Dispose();
        Memory.Dispose();
        CudaApi.CheckCublas(Api.cublasDestroy(_cublas), "cublasDestroy_v2");
        Api.Check(Api.cuDevicePrimaryCtxRelease(_device), "cuDevicePrimaryCtxRelease");
        _disposed = true;
    }

    /// <summary>A one-line description: name and compute capability.</summary>
    public override string ToString() => $"{Name} (compute {ComputeCapability.Major}.{ComputeCapability.Minor})";
}
