using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace LatentWorkbench.Engine.Kernels;

/// <summary>
/// One instruction-set flavour of the managed SGEMM: micro-tile shape (MR rows x NR columns),
/// cache blocking (KC depth, NC columns per packed B block) and the micro-kernels for 1..NR/VectorWidth vectors.
/// </summary>
internal sealed unsafe class GemmKernelSet
{
    private readonly delegate*<int, float*, float*, int, float*, int, float, float, void>[] kernels;

    private GemmKernelSet(string name, int mr, int vectorWidth, int kc, int nc,
        delegate*<int, float*, float*, int, float*, int, float, float, void>[] kernels)
    {
        Name = name;
        MR = mr;
        VectorWidth = vectorWidth;
        NR = vectorWidth * kernels.Length;
        KC = kc;
        NC = nc;
        this.kernels = kernels;
    }

    /// <summary>Short name for reports (avx512, avx2, scalar).</summary>
    public string Name { get; }

    /// <summary>Rows of C per micro-tile (broadcast side, packed A sliver height).</summary>
    public int MR { get; }

    /// <summary>Columns of C per micro-tile (vector side, packed B sliver width).</summary>
    public int NR { get; }

    /// <summary>Floats per SIMD register; edge tiles narrower than NR use a kernel with fewer vectors.</summary>
    public int VectorWidth { get; }

    /// <summary>Depth of one packed panel; an MR x KC sliver of A stays in L1.</summary>
    public int KC { get; }

    /// <summary>Columns per packed B block; a KC x NC block stays in L2.</summary>
    public int NC { get; }

    /// <summary>The micro-kernel computing MR x (vectors * VectorWidth) of C.</summary>
    public delegate*<int, float*, float*, int, float*, int, float, float, void> Kernel(int vectors) => kernels[vectors - 1];

    /// <summary>AVX-512 set: 8 x 48 tiles (24 zmm accumulators); Zen 4/5 and recent Xeons.</summary>
    public static GemmKernelSet Avx512 { get; } = new("avx512", 8, 16, 256, 480,
        [&GemmMicroKernels512.Kernel8x1, &GemmMicroKernels512.Kernel8x2, &GemmMicroKernels512.Kernel8x3]);

    /// <summary>AVX2 + FMA set: 6 x 16 tiles (12 ymm accumulators).</summary>
    public static GemmKernelSet Avx2 { get; } = new("avx2", 6, 8, 256, 192,
        [&GemmMicroKernels256.Kernel6x1, &GemmMicroKernels256.Kernel6x2]);

    /// <summary>Portable fallback: 4 x 4 scalar tiles.</summary>
    public static GemmKernelSet Scalar { get; } = new("scalar", 4, 4, 256, 64, [&GemmMicroKernelScalar.Kernel4x4]);

    /// <summary>Whether this machine can run the set's instructions.</summary>
    public bool IsSupported => Name switch
    {
        "avx512" => Vector512.IsHardwareAccelerated && Avx512F.IsSupported,
        "avx2" => Vector256.IsHardwareAccelerated && Fma.IsSupported,
        _ => true,
    };

    /// <summary>The widest set this machine runs, picked once at start-up.</summary>
    public static GemmKernelSet Best { get; } = Avx512.IsSupported ? Avx512 : Avx2.IsSupported ? Avx2 : Scalar;
}
