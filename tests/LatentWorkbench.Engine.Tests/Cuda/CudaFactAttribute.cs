using LatentWorkbench.Engine.Cuda;

namespace LatentWorkbench.Engine.Tests.Cuda;

/// <summary>
/// A fact that needs an NVIDIA GPU with the CUDA driver, NVRTC and cuBLAS. Without them (CI has none) it is reported
/// as skipped with the reason; on a machine with a GPU it runs.
/// </summary>
public sealed class CudaFactAttribute : FactAttribute
{
    public CudaFactAttribute()
    {
        if (!CudaRuntime.IsAvailable)
            Skip = $"no usable GPU ({CudaRuntime.UnavailableReason}); the CUDA tests run on a machine with an NVIDIA GPU and the CUDA libraries";
    }
}
