namespace LatentWorkbench.Engine.Kernels;

/// <summary>
/// Single-precision general matrix multiply on row-major buffers:
/// C = alpha * op(A) * op(B) + beta * C, where op(X) is X or X transposed.
/// This is the engine's one seam for matrix products. The provider (managed SIMD kernel or native OpenBLAS)
/// comes from the environment variable LWB_BLAS=managed|native|auto (default auto) and can be changed
/// at run time through <see cref="Provider"/>. The managed kernel's instruction set is the widest the machine runs
/// unless LWB_ISA=avx512|avx2|scalar (or <see cref="ManagedInstructionSet"/>) forces a narrower one.
/// </summary>
public static class Gemm
{
    /// <summary>Environment variable that picks the initial provider.</summary>
    public const string ProviderVariable = "LWB_BLAS";

    /// <summary>Environment variable that forces the managed kernel's instruction set (auto, avx512, avx2 or scalar).</summary>
    public const string InstructionSetVariable = "LWB_ISA";

    private static GemmProvider? provider;
    private static GemmKernelSet? kernelSet;
    private static int managedThreads = Environment.ProcessorCount;

    /// <summary>
    /// The requested provider. Setting <see cref="GemmProvider.Native"/> throws when OpenBLAS cannot be loaded;
    /// the first read parses LWB_BLAS and throws on a value other than managed, native or auto.
    /// </summary>
    public static GemmProvider Provider
    {
        get => provider ??= ParseProvider(Environment.GetEnvironmentVariable(ProviderVariable));
        set
        {
            if (value == GemmProvider.Native) OpenBlas.EnsureAvailable();
            provider = value;
        }
    }

    /// <summary>The implementation calls go to now, after resolving Auto: Managed or Native.</summary>
    public static GemmProvider ActiveProvider => Provider switch
    {
        GemmProvider.Managed => GemmProvider.Managed,
        GemmProvider.Native => GemmProvider.Native,
        // Debian's OpenBLAS predates AVX-512 kernels for recent CPUs, so where AVX-512 is available the
        // managed kernel is measured faster (about 1.8x at n = 2048) and auto prefers it.
        _ => KernelSet.Name != "avx512" && OpenBlas.IsAvailable ? GemmProvider.Native : GemmProvider.Managed,
    };

    /// <summary>Human-readable description of the active implementation, for logs and benchmark reports.</summary>
    public static string ActiveProviderName => ActiveProvider != GemmProvider.Native
        ? $"managed ({ManagedInstructionSet}, {ManagedThreads} threads)"
        : OpenBlas.IsAvailable
            ? $"native OpenBLAS ({OpenBlas.LibraryName}{(OpenBlas.Config.Length > 0 ? ", " + OpenBlas.Config : "")})"
            : "native OpenBLAS (not loadable)";

    /// <summary>
    /// The SIMD flavour of the managed kernel: avx512, avx2 or scalar. Defaults to the widest this machine runs, or
    /// LWB_ISA; setting a set the machine cannot run throws, so an AVX2-only machine can be imitated on an AVX-512 one.
    /// </summary>
    public static string ManagedInstructionSet
    {
        get => KernelSet.Name;
        set => kernelSet = ResolveInstructionSet(value);
    }

    /// <summary>The cache sizes the managed kernel's blocking assumes (CPUID, or LWB_CACHES).</summary>
    public static CpuCaches ManagedCaches => KernelSet.Caches;

    /// <summary>The managed kernel's blocking for reports: micro-tile MR x NR and the KC depth and NC width of a packed B block.</summary>
    public static string ManagedBlocking => $"{KernelSet.MR}x{KernelSet.NR} tiles, KC {KernelSet.KC}, NC {KernelSet.NC}";

    internal static GemmKernelSet KernelSet => kernelSet ??= ResolveInstructionSet(Environment.GetEnvironmentVariable(InstructionSetVariable));

    /// <summary>The kernel set for an LWB_ISA value: null, empty or auto means the widest supported one.</summary>
    private static GemmKernelSet ResolveInstructionSet(string? value)
    {
        string name = value?.Trim().ToLowerInvariant() ?? "";
        if (name is "" or "auto") return GemmKernelSet.Best;
        GemmKernelSet set = GemmKernelSet.ByName(name)
            ?? throw new ArgumentException($"{InstructionSetVariable}='{value}' is not an instruction set; expected auto, avx512, avx2 or scalar.", nameof(value));
        if (!set.IsSupported)
            throw new ArgumentException($"{InstructionSetVariable}='{value}': this machine cannot run {name} (best available: {GemmKernelSet.Best.Name}).", nameof(value));
        return set;
    }

    /// <summary>Most threads one managed product may use (default: all cores); 1 keeps it on the calling thread.</summary>
    public static int ManagedThreads
    {
        get => managedThreads;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            managedThreads = value;
        }
    }

    /// <summary>Parses a LWB_BLAS value; null or empty means Auto.</summary>
    public static GemmProvider ParseProvider(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" or "auto" => GemmProvider.Auto,
        "managed" => GemmProvider.Managed,
        "native" => GemmProvider.Native,
        _ => throw new ArgumentException(
            $"{ProviderVariable}='{value}' is not a GEMM provider; expected managed, native or auto.", nameof(value)),
    };

    /// <summary>Computes C = alpha * op(A) op(B) + beta * C for row-major A (m x k after op), B (k x n after op), C (m x n).</summary>
    /// <remarks>With beta = 0, C is only written, so it may hold garbage (even NaN) beforehand.</remarks>
    public static void Sgemm(bool transA, bool transB, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc)
    {
        Sgemm(ActiveProvider, transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
    }

    /// <summary>As <see cref="Sgemm(bool, bool, int, int, int, float, ReadOnlySpan{float}, int, ReadOnlySpan{float}, int, float, Span{float}, int)"/>
    /// with an explicit provider for this call only (Auto resolves as usual).</summary>
    public static unsafe void Sgemm(GemmProvider with, bool transA, bool transB, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc)
    {
        Interruption.ThrowIfRequested();
        ArgumentOutOfRangeException.ThrowIfNegative(m);
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        CheckOperand(nameof(a), nameof(lda), a.Length, lda, transA ? k : m, transA ? m : k);
        CheckOperand(nameof(b), nameof(ldb), b.Length, ldb, transB ? n : k, transB ? k : n);
        CheckOperand(nameof(c), nameof(ldc), c.Length, ldc, m, n);
        if (m == 0 || n == 0) return;

        bool native = with switch
        {
            GemmProvider.Native => true,
            GemmProvider.Managed => false,
            _ => OpenBlas.IsAvailable,
        };
        fixed (float* pa = a)
        fixed (float* pb = b)
        fixed (float* pc = c)
        {
            if (native && k > 0)
            {
                OpenBlas.Sgemm(transA, transB, m, n, k, alpha, pa, lda, pb, ldb, beta, pc, ldc);
            }
            else
            {
                ManagedGemm.Sgemm(KernelSet, managedThreads, transA, transB, m, n, k, alpha, pa, lda, pb, ldb, beta, pc, ldc);
            }
        }
    }

    /// <summary>
    /// A Linear layer's forward pass: C = act(op(A) op(B) + bias), bias broadcast over the rows (empty for none). The
    /// managed provider applies bias and activation to each row strip as soon as it is final (<see cref="GemmEpilogue"/>);
    /// OpenBLAS gets the plain product and the same epilogue afterwards, so both round the same way.
    /// </summary>
    internal static unsafe void SgemmBiasActivation(bool transA, bool transB, int m, int n, int k,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, ReadOnlySpan<float> bias, GemmActivation activation, float slope,
        Span<float> c, int ldc)
    {
        CheckOperand(nameof(a), nameof(lda), a.Length, lda, transA ? k : m, transA ? m : k);
        CheckOperand(nameof(b), nameof(ldb), b.Length, ldb, transB ? n : k, transB ? k : n);
        CheckOperand(nameof(c), nameof(ldc), c.Length, ldc, m, n);
        if (!bias.IsEmpty && bias.Length < n) throw new ArgumentException($"Bias holds {bias.Length} floats, fewer than the {n} columns of C.", nameof(bias));
        if (m == 0 || n == 0) return;
        fixed (float* pa = a)
        fixed (float* pb = b)
        fixed (float* pc = c)
        fixed (float* pbias = bias)
        {
            var epilogue = new GemmEpilogue(bias.IsEmpty ? null : pbias, activation, slope);
            if (ActiveProvider == GemmProvider.Native && k > 0)
            {
                OpenBlas.Sgemm(transA, transB, m, n, k, 1f, pa, lda, pb, ldb, 0f, pc, ldc);
                for (int i = 0; i < m; i++) epilogue.ApplyRow(pc + (long)i * ldc, n, 0);
            }
            else
            {
                ManagedGemm.Sgemm(KernelSet, managedThreads, transA, transB, m, n, k, 1f, pa, lda, pb, ldb, 0f, pc, ldc, epilogue: epilogue);
            }
        }
    }

    // A stored matrix of rows x cols with leading dimension ld needs ld >= cols and (rows-1)*ld + cols elements.
    private static void CheckOperand(string name, string ldName, int length, int ld, int rows, int cols)
    {
        if (ld < Math.Max(1, cols))
        {
            throw new ArgumentOutOfRangeException(ldName, ld,
                $"Leading dimension {ldName}={ld} is smaller than the {cols} columns of stored {name}.");
        }
        long needed = rows == 0 || cols == 0 ? 0 : (long)(rows - 1) * ld + cols;
        if (length < needed)
        {
            throw new ArgumentException(
                $"Buffer {name} holds {length} floats but a {rows} x {cols} matrix with {ldName}={ld} needs {needed}.", name);
        }
    }
}
