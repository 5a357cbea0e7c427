namespace LatentWorkbench.Engine.Kernels;

/// <summary>Which implementation <see cref="Gemm"/> multiplies with.</summary>
public enum GemmProvider
{
    /// <summary>The managed kernel on AVX-512 machines (it beats OpenBLAS there); elsewhere OpenBLAS when it loads, else managed.</summary>
    Auto,

    /// <summary>The engine's own packed, blocked SIMD kernel.</summary>
    Managed,

    /// <summary>OpenBLAS's cblas_sgemm loaded at run time; an error when the library is missing.</summary>
    Native,
}
