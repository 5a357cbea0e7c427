namespace LatentWorkbench.Engine.Cuda;

/// <summary>A CUDA driver, NVRTC or cuBLAS call that failed, named together with the library's own error code and text.</summary>
public sealed class CudaException : Exception
{
    /// <summary>Creates the exception for <paramref name="call"/> returning <paramref name="code"/>.</summary>
    public CudaException(string call, int code, string description)
        : base($"{call} failed with {code} ({description})")
    {
        Call = call;
        Code = code;
    }

    /// <summary>The API function that failed, e.g. "cuMemAlloc_v2".</summary>
    public string Call { get; }

    /// <summary>The status code it returned (CUresult, nvrtcResult or cublasStatus_t).</summary>
    public int Code { get; }
}
