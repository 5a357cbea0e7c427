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

    private GemmKernelSet(string name, int mr, int vectorWidth, CpuCaches caches,
        delegate*<int, float*, float*, int, float*, int, float, float, void>[] kernels)
    {
        Name = name;
        MR = mr;
        VectorWidth = vectorWidth;
        NR = vectorWidth * kernels.Length;
        Caches = caches;
        // The A sliver (MR x KC) is reused across a whole B block, so it should take at most a quarter of L1d
        // and leave the rest to the B slivers streaming through; beyond 256 a longer k loop no longer pays for
        // itself (the C tile's load/store is already amortised) while NC, which shares L2 with it, shrinks.
        KC = Math.Clamp(caches.L1d / 4 / (mr * sizeof(float)) / 8 * 8, 16, 256);
        // The packed B block (KC x NC) is reused by every A sliver of the row block: half of L2 holds it,
        // the other half is left to the A slivers, the C tiles and the next B sliver.
        NC = Math.Max(NR, caches.L2 / 2 / (KC * sizeof(float)) / NR * NR);
        this.kernels = kernels;
    }

    /// <summary>The same kernels blocked for other cache sizes (tests use it to force many blocks on small sizes).</summary>
    public GemmKernelSet WithCaches(CpuCaches caches) => new(Name, MR, VectorWidth, caches, kernels);

    /// <summary>Short name for reports (avx512, avx2, scalar).</summary>
    public string Name { get; }

    /// <summary>Rows of C per micro-tile (broadcast side, packed A sliver height).</summary>
    public int MR { get; }

    /// <summary>Columns of C per micro-tile (vector side, packed B sliver width).</summary>
    public int NR { get; }

    /// <summary>Floats per SIMD register; edge tiles narrower than NR use a kernel with fewer vectors.</summary>
    public int VectorWidth { get; }

    /// <summary>The cache sizes the blocking below was derived from.</summary>
    public CpuCaches Caches { get; }

    /// <summary>Depth of one packed panel; an MR x KC sliver of A stays in L1.</summary>
    public int KC { get; }

    /// <summary>Columns per packed B block; a KC x NC block stays in L2.</summary>
    public int NC { get; }

    /// <summary>The micro-kernel computing MR x (vectors * VectorWidth) of C.</summary>
    public delegate*<int, float*, float*, int, float*, int, float, float, void> Kernel(int vectors) => kernels[vectors - 1];

    /// <summary>AVX-512 set: 8 x 48 tiles (24 zmm accumulators); Zen 4/5 and recent Xeons.</summary>
    public static GemmKernelSet Avx512 { get; } = new("avx512", 8, 16, CpuCaches.Current,
        [&GemmMicroKernels512.Kernel8x1, &GemmMicroKernels512.Kernel8x2, &GemmMicroKernels512.Kernel8x3]);

    /// <summary>AVX2 + FMA set: 6 x 16 tiles (12 ymm accumulators).</summary>
    public static GemmKernelSet Avx2 { get; } = new("avx2", 6, 8, CpuCaches.Current,
        [&GemmMicroKernels256.Kernel6x1, &GemmMicroKernels256.Kernel6x2]);

    /// <summary>Portable fallback: 4 x 4 scalar tiles.</summary>
    public static GemmKernelSet Scalar { get; } = new("scalar", 4, 4, CpuCaches.Current, [&GemmMicroKernelScalar.Kernel4x4]);

    /// <summary>Whether this machine can run the set's instructions.</summary>
    public bool IsSupported => Name switch
    {
        "avx512" => Vector512.IsHardwareAccelerated && Avx512F.IsSupported,
        "avx2" => Vector256.IsHardwareAccelerated && Fma.IsSupported,
        _ => true,
    };

    /// <summary>The widest set this machine runs, picked once at start-up.</summary>
    public static GemmKernelSet Best { get; } = Avx512.IsSupported ? Avx512 : Avx2.IsSupported ? Avx2 : Scalar;

    /// <summary>The set named <paramref name="name"/> (avx512, avx2 or scalar), or null for another name.</summary>
    public static GemmKernelSet? ByName(string name) => name switch
    {
        "avx512" => Avx512,
        "avx2" => Avx2,
        "scalar" => Scalar,
        _ => null,
    };
}
