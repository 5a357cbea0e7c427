using System.Runtime.InteropServices;

namespace LatentWorkbench.Engine.Kernels;

/// <summary>
/// Optional native BLAS: finds OpenBLAS at run time (no build-time dependency) and calls its cblas_sgemm
/// through a function pointer. Loading is attempted once; the outcome is cached.
/// </summary>
public static unsafe class OpenBlas
{
    /// <summary>File names tried in order with the platform's library search path.</summary>
    public static IReadOnlyList<string> CandidateNames { get; } =
        ["libopenblas.so.0", "libopenblas.so", "libopenblasp-r0.so", "libopenblas.dylib", "libopenblas.dll", "openblas"];

    private const int RowMajor = 101, NoTrans = 111, Trans = 112;

    private static readonly Lazy<State> Loaded = new(Load);

    private sealed class State(
        delegate* unmanaged<int, int, int, int, int, int, float, float*, int, float*, int, float, float*, int, void> sgemm,
        delegate* unmanaged<int, void> setThreads,
        string libraryName,
        string config,
        string failureReason)
    {
        public readonly delegate* unmanaged<int, int, int, int, int, int, float, float*, int, float*, int, float, float*, int, void> Sgemm = sgemm;
        public readonly delegate* unmanaged<int, void> SetThreads = setThreads;
        public readonly string LibraryName = libraryName;
        public readonly string Config = config;
        public readonly string FailureReason = failureReason;
    }

    /// <summary>Whether OpenBLAS was found and exports cblas_sgemm.</summary>
    public static bool IsAvailable => Loaded.Value.Sgemm != null;

    /// <summary>The library file that was loaded, or null.</summary>
    public static string? LibraryName => IsAvailable ? Loaded.Value.LibraryName : null;

    /// <summary>OpenBLAS's own build description (version, target core, thread limit) when it reports one.</summary>
    public static string Config => Loaded.Value.Config;

    /// <summary>Sets OpenBLAS's worker thread count (no-op when the library lacks openblas_set_num_threads).</summary>
    public static void SetThreads(int threads)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        State s = Loaded.Value;
        if (s.SetThreads != null) s.SetThreads(threads);
    }

    /// <summary>Throws a clear error naming the library and how to install it when OpenBLAS is not loadable.</summary>
    public static void EnsureAvailable()
    {
        if (!IsAvailable)
        {
            throw new InvalidOperationException(
                $"The native GEMM provider needs OpenBLAS ({string.Join(", ", CandidateNames)}), which could not be used: "
                + Loaded.Value.FailureReason
                + ". Install it (Debian/Ubuntu: apt-get install libopenblas0-pthread) or select the managed provider "
                + "(LWB_BLAS=managed or Gemm.Provider = GemmProvider.Managed).");
        }
    }

    /// <summary>Row-major cblas_sgemm; arguments must already be validated (OpenBLAS reports errors by printing).</summary>
    internal static void Sgemm(bool transA, bool transB, int m, int n, int k, float alpha,
        float* a, int lda, float* b, int ldb, float beta, float* c, int ldc)
    {
        EnsureAvailable();
        Loaded.Value.Sgemm(RowMajor, transA ? Trans : NoTrans, transB ? Trans : NoTrans, m, n, k,
            alpha, a, lda, b, ldb, beta, c, ldc);
    }

    private static State Load()
    {
        var reasons = new List<string>();
        foreach (string name in CandidateNames)
        {
            if (!NativeLibrary.TryLoad(name, typeof(OpenBlas).Assembly, null, out nint handle))
            {
                reasons.Add($"{name} not found");
                continue;
            }
            if (!NativeLibrary.TryGetExport(handle, "cblas_sgemm", out nint sgemm))
            {
                reasons.Add($"{name} has no cblas_sgemm");
                continue;
            }
            NativeLibrary.TryGetExport(handle, "openblas_set_num_threads", out nint setThreads);
            string config = "";
            if (NativeLibrary.TryGetExport(handle, "openblas_get_config", out nint getConfig))
            {
                config = Marshal.PtrToStringAnsi(((delegate* unmanaged<nint>)getConfig)()) ?? "";
            }
            var state = new State(
                (delegate* unmanaged<int, int, int, int, int, int, float, float*, int, float*, int, float, float*, int, void>)sgemm,
                (delegate* unmanaged<int, void>)setThreads, name, config, "");
            if (state.SetThreads != null) state.SetThreads(Environment.ProcessorCount);
            return state;
        }
        return new State(null, null, "", "", string.Join("; ", reasons));
    }
}
