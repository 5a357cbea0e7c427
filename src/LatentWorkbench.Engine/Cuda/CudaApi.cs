using System.Runtime.InteropServices;

namespace LatentWorkbench.Engine.Cuda;

/// <summary>
/// The few entry points of the CUDA driver (libcuda), NVRTC and cuBLAS that the GPU path uses, resolved at run time
/// with <see cref="NativeLibrary"/> (no build-time dependency, no managed wrapper package). Every call goes through
/// <see cref="Check"/>, which turns a failure into a <see cref="CudaException"/> naming the call.
/// </summary>
internal sealed unsafe class CudaApi
{
    public static readonly string[] DriverNames = ["libcuda.so.1", "libcuda.so", "nvcuda.dll"];
    public static readonly string[] NvrtcNames = ["libnvrtc.so.13", "libnvrtc.so.12", "libnvrtc.so.11.2", "libnvrtc.so", "nvrtc64_120_0.dll"];
    public static readonly string[] CublasNames = ["libcublas.so.13", "libcublas.so.12", "libcublas.so.11", "libcublas.so", "cublas64_12.dll"];

    // CUDA driver API (CUresult = int; CUdeviceptr = unsigned long long; handles are pointers).
    public delegate* unmanaged<uint, int> cuInit;
    public delegate* unmanaged<int*, int> cuDeviceGetCount;
    public delegate* unmanaged<int*, int, int> cuDeviceGet;
    public delegate* unmanaged<byte*, int, int, int> cuDeviceGetName;
    public delegate* unmanaged<int*, int, int, int> cuDeviceGetAttribute;
    public delegate* unmanaged<nint*, int, int> cuDevicePrimaryCtxRetain;
    public delegate* unmanaged<int, int> cuDevicePrimaryCtxRelease;
    public delegate* unmanaged<nint, int> cuCtxSetCurrent;
    public delegate* unmanaged<int> cuCtxSynchronize;
    public delegate* unmanaged<ulong*, nuint, int> cuMemAlloc;
    public delegate* unmanaged<ulong, int> cuMemFree;
    public delegate* unmanaged<ulong, void*, nuint, int> cuMemcpyHtoD;
    public delegate* unmanaged<void*, ulong, nuint, int> cuMemcpyDtoH;
    public delegate* unmanaged<ulong, ulong, nuint, int> cuMemcpyDtoD;
    public delegate* unmanaged<nint*, void*, int> cuModuleLoadData;
    public delegate* unmanaged<nint, int> cuModuleUnload;
    public delegate* unmanaged<nint*, nint, byte*, int> cuModuleGetFunction;
    public delegate* unmanaged<nint, uint, uint, uint, uint, uint, uint, uint, nint, void**, void**, int> cuLaunchKernel;
    public delegate* unmanaged<int, byte**, int> cuGetErrorName;

    // NVRTC (nvrtcResult = int; nvrtcProgram is a pointer).
    public delegate* unmanaged<nint*, byte*, byte*, int, byte**, byte**, int> nvrtcCreateProgram;
    public delegate* unmanaged<nint, int, byte**, int> nvrtcCompileProgram;
    public delegate* unmanaged<nint, nuint*, int> nvrtcGetPTXSize;
    public delegate* unmanaged<nint, byte*, int> nvrtcGetPTX;
    public delegate* unmanaged<nint, nuint*, int> nvrtcGetProgramLogSize;
    public delegate* unmanaged<nint, byte*, int> nvrtcGetProgramLog;
    public delegate* unmanaged<nint*, int> nvrtcDestroyProgram;
    public delegate* unmanaged<int, byte*> nvrtcGetErrorString;

    // cuBLAS v2 (cublasStatus_t = int; column-major; alpha and beta are host pointers in the default pointer mode).
    public delegate* unmanaged<nint*, int> cublasCreate;
    public delegate* unmanaged<nint, int> cublasDestroy;
    public delegate* unmanaged<nint, int, int, int, int, int, float*, ulong, int, ulong, int, float*, ulong, int, int> cublasSgemm;

    /// <summary>The three libraries resolved, or the reason they could not be (which file was missing).</summary>
    public static CudaApi? TryLoad(out string failure)
    {
        failure = "";
        if (!TryOpen(DriverNames, out nint driver, out failure)) return null;
        if (!TryOpen(NvrtcNames, out nint nvrtc, out failure)) return null;
        if (!TryOpen(CublasNames, out nint cublas, out failure)) return null;
        try
        {
            var api = new CudaApi();
            api.cuInit = (delegate* unmanaged<uint, int>)Export(driver, "cuInit");
            api.cuDeviceGetCount = (delegate* unmanaged<int*, int>)Export(driver, "cuDeviceGetCount");
            api.cuDeviceGet = (delegate* unmanaged<int*, int, int>)Export(driver, "cuDeviceGet");
            api.cuDeviceGetName = (delegate* unmanaged<byte*, int, int, int>)Export(driver, "cuDeviceGetName");
            api.cuDeviceGetAttribute = (delegate* unmanaged<int*, int, int, int>)Export(driver, "cuDeviceGetAttribute");
            api.cuDevicePrimaryCtxRetain = (delegate* unmanaged<nint*, int, int>)Export(driver, "cuDevicePrimaryCtxRetain");
            api.cuDevicePrimaryCtxRelease = (delegate* unmanaged<int, int>)Export(driver, "cuDevicePrimaryCtxRelease_v2");
            api.cuCtxSetCurrent = (delegate* unmanaged<nint, int>)Export(driver, "cuCtxSetCurrent");
            api.cuCtxSynchronize = (delegate* unmanaged<int>)Export(driver, "cuCtxSynchronize");
            api.cuMemAlloc = (delegate* unmanaged<ulong*, nuint, int>)Export(driver, "cuMemAlloc_v2");
            api.cuMemFree = (delegate* unmanaged<ulong, int>)Export(driver, "cuMemFree_v2");
            api.cuMemcpyHtoD = (delegate* unmanaged<ulong, void*, nuint, int>)Export(driver, "cuMemcpyHtoD_v2");
            api.cuMemcpyDtoH = (delegate* unmanaged<void*, ulong, nuint, int>)Export(driver, "cuMemcpyDtoH_v2");
            api.cuMemcpyDtoD = (delegate* unmanaged<ulong, ulong, nuint, int>)Export(driver, "cuMemcpyDtoD_v2");
            api.cuModuleLoadData = (delegate* unmanaged<nint*, void*, int>)Export(driver, "cuModuleLoadData");
            api.cuModuleUnload = (delegate* unmanaged<nint, int>)Export(driver, "cuModuleUnload");
            api.cuModuleGetFunction = (delegate* unmanaged<nint*, nint, byte*, int>)Export(driver, "cuModuleGetFunction");
            api.cuLaunchKernel = (delegate* unmanaged<nint, uint, uint, uint, uint, uint, uint, uint, nint, void**, void**, int>)Export(driver, "cuLaunchKernel");
            api.cuGetErrorName = (delegate* unmanaged<int, byte**, int>)Export(driver, "cuGetErrorName");
            api.nvrtcCreateProgram = (delegate* unmanaged<nint*, byte*, byte*, int, byte**, byte**, int>)Export(nvrtc, "nvrtcCreateProgram");
            api.nvrtcCompileProgram = (delegate* unmanaged<nint, int, byte**, int>)Export(nvrtc, "nvrtcCompileProgram");
            api.nvrtcGetPTXSize = (delegate* unmanaged<nint, nuint*, int>)Export(nvrtc, "nvrtcGetPTXSize");
            api.nvrtcGetPTX = (delegate* unmanaged<nint, byte*, int>)Export(nvrtc, "nvrtcGetPTX");
            api.nvrtcGetProgramLogSize = (delegate* unmanaged<nint, nuint*, int>)Export(nvrtc, "nvrtcGetProgramLogSize");
            api.nvrtcGetProgramLog = (delegate* unmanaged<nint, byte*, int>)Export(nvrtc, "nvrtcGetProgramLog");
            api.nvrtcDestroyProgram = (delegate* unmanaged<nint*, int>)Export(nvrtc, "nvrtcDestroyProgram");
            api.nvrtcGetErrorString = (delegate* unmanaged<int, byte*>)Export(nvrtc, "nvrtcGetErrorString");
            api.cublasCreate = (delegate* unmanaged<nint*, int>)Export(cublas, "cublasCreate_v2");
            api.cublasDestroy = (delegate* unmanaged<nint, int>)Export(cublas, "cublasDestroy_v2");
            api.cublasSgemm = (delegate* unmanaged<nint, int, int, int, int, int, float*, ulong, int, ulong, int, float*, ulong, int, int>)Export(cublas, "cublasSgemm_v2");
            return api;
        }
        catch (EntryPointNotFoundException e)
        {
            failure = e.Message;
            return null;
        }
    }

    /// <summary>
    /// Folders tried after the loader's search path, because toolkits install outside it: $CUDA_HOME and $CUDA_PATH
    /// (lib64), /usr/local/cuda/lib64, and the folders of $LWB_CUDA_LIBRARY_PATH (colon-separated).
    /// </summary>
    public static IEnumerable<string> ExtraDirectories()
    {
        foreach (var variable in new[] { "CUDA_HOME", "CUDA_PATH" })
            if (Environment.GetEnvironmentVariable(variable) is { Length: > 0 } root) yield return Path.Combine(root, "lib64");
        yield return "/usr/local/cuda/lib64";
        if (Environment.GetEnvironmentVariable("LWB_CUDA_LIBRARY_PATH") is { Length: > 0 } extra)
            foreach (var dir in extra.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)) yield return dir;
    }

    private static bool TryOpen(string[] names, out nint handle, out string failure)
    {
        foreach (var name in names)
            if (NativeLibrary.TryLoad(name, typeof(CudaApi).Assembly, null, out handle)) { failure = ""; return true; }
        foreach (var dir in ExtraDirectories())
            foreach (var name in names)
                if (File.Exists(Path.Combine(dir, name)) && NativeLibrary.TryLoad(Path.Combine(dir, name), out handle)) { failure = ""; return true; }
        handle = 0;
        failure = $"none of {string.Join(", ", names)} could be loaded from the library path, $CUDA_HOME/lib64, /usr/local/cuda/lib64 or $LWB_CUDA_LIBRARY_PATH";
        return false;
    }

    private static nint Export(nint library, string name) =>
        NativeLibrary.TryGetExport(library, name, out nint address) ? address : throw new EntryPointNotFoundException($"the CUDA libraries lack {name}");

    /// <summary>Throws a <see cref="CudaException"/> naming <paramref name="call"/> unless the driver returned CUDA_SUCCESS.</summary>
    public void Check(int result, string call)
    {
        if (result == 0) return;
        byte* name = null;
        string description = cuGetErrorName(result, &name) == 0 && name != null ? Marshal.PtrToStringAnsi((nint)name) ?? "?" : "unknown CUresult";
        throw new CudaException(call, result, description);
    }

    /// <summary>As <see cref="Check"/> for an NVRTC status.</summary>
    public void CheckNvrtc(int result, string call)
    {
        if (result == 0) return;
        byte* text = nvrtcGetErrorString(result);
        throw new CudaException(call, result, text != null ? Marshal.PtrToStringAnsi((nint)text) ?? "?" : "unknown nvrtcResult");
    }

    /// <summary>As <see cref="Check"/> for a cuBLAS status (cuBLAS has no error-string call before 11.4, so the names are listed here).</summary>
    public static void CheckCublas(int result, string call)
    {
        if (result == 0) return;
        string name = result switch
        {
            1 => "CUBLAS_STATUS_NOT_INITIALIZED",
            3 => "CUBLAS_STATUS_ALLOC_FAILED",
            7 => "CUBLAS_STATUS_INVALID_VALUE",
            8 => "CUBLAS_STATUS_ARCH_MISMATCH",
            11 => "CUBLAS_STATUS_MAPPING_ERROR",
            13 => "CUBLAS_STATUS_EXECUTION_FAILED",
            14 => "CUBLAS_STATUS_INTERNAL_ERROR",
            15 => "CUBLAS_STATUS_NOT_SUPPORTED",
            _ => "unknown cublasStatus_t",
        };
        throw new CudaException(call, result, name);
    }
}
