namespace LatentWorkbench.Engine.Cuda;

/// <summary>
/// Finds the GPU once per process: the CUDA driver, NVRTC and cuBLAS libraries, then device 0. On a machine without
/// them everything stays on the CPU, and <see cref="Resolve"/> says so once on standard error.
/// </summary>
public static class CudaRuntime
{
    private static readonly Lazy<(CudaContext? Context, string Reason)> Opened = new(Open, LazyThreadSafetyMode.ExecutionAndPublication);
    private static int _fallbackReported;

    /// <summary>Whether a GPU and the CUDA libraries were found and a context was created on device 0.</summary>
    public static bool IsAvailable => Opened.Value.Context is not null;

    /// <summary>Why the GPU cannot be used (empty when it can), e.g. which library file was missing.</summary>
    public static string UnavailableReason => Opened.Value.Reason;

    /// <summary>The context on device 0; throws with <see cref="UnavailableReason"/> when there is none.</summary>
    public static CudaContext Context => Opened.Value.Context ?? throw new InvalidOperationException($"CUDA is not available: {UnavailableReason}");

    /// <summary>
    /// The device a request for <paramref name="requested"/> gets: <see cref="Device.Cuda"/> only when the GPU can be used;
    /// otherwise <see cref="Device.Cpu"/>, with one line on <paramref name="log"/> (default: standard error) the first time.
    /// </summary>
    public static Device Resolve(Device requested, TextWriter? log = null)
    {
        if (requested != Device.Cuda || IsAvailable) return requested;
        if (Interlocked.Exchange(ref _fallbackReported, 1) == 0)
            (log ?? Console.Error).WriteLine($"CUDA requested but not available ({UnavailableReason}); running on the CPU.");
        return Device.Cpu;
    }

    /// <summary>Lets the next fallback be reported again (tests).</summary>
    internal static void ResetFallbackReport() => Interlocked.Exchange(ref _fallbackReported, 0);

    /// <summary>Parses "cpu" or "cuda" (case-insensitive), naming <paramref name="argument"/> when it is neither.</summary>
    public static Device Parse(string value, string argument = "device") => value.Trim().ToLowerInvariant() switch
    {
        "cpu" => Device.Cpu,
        "cuda" or "gpu" => Device.Cuda,
        _ => throw new ArgumentException($"{argument}: expected cpu or cuda, got '{value}'", argument),
    };

    private static (CudaContext?, string) Open()
    {
        var api = CudaApi.TryLoad(out string failure);
        if (api is null) return (null, failure);
        try
        {
            return (new CudaContext(api, ordinal: 0), "");
        }
        catch (CudaException e)
        {
            return (null, e.Message);
        }
    }
}
