namespace LatentWorkbench.Engine;

/// <summary>Where a computation runs. <see cref="Cuda"/> falls back to the CPU, saying so once, when no GPU can be used.</summary>
public enum Device
{
    /// <summary>The managed CPU engine (with OpenBLAS when selected).</summary>
    Cpu,

    /// <summary>The first NVIDIA GPU, through the CUDA driver, cuBLAS and NVRTC found at run time.</summary>
    Cuda,
}
