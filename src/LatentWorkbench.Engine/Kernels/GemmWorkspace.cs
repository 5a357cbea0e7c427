namespace LatentWorkbench.Engine.Kernels;

/// <summary>
/// Per-thread packing buffers for the managed SGEMM, 64-byte aligned and reused across calls,
/// so a steady stream of products allocates nothing after each thread's first call.
/// </summary>
internal sealed unsafe class GemmWorkspace
{
    /// <summary>Floats in the packed A block; MC is derived from it so that MC x KC fills about 1 MiB.</summary>
    public const int AFloats = 256 * 1024;

    [ThreadStatic] private static GemmWorkspace? current;

    private float[] aStore = [], bStore = [], tileStore = [];
    private int aOffset, bOffset, tileOffset;

    /// <summary>The calling thread's workspace.</summary>
    public static GemmWorkspace Current => current ??= new GemmWorkspace();

    /// <summary>Packed-A buffer of at least <paramref name="floats"/> floats; valid while no other call on this thread resizes it.</summary>
    public float* A(int floats) => Ensure(ref aStore, ref aOffset, floats);

    /// <summary>Packed-B buffer of at least <paramref name="floats"/> floats.</summary>
    public float* B(int floats) => Ensure(ref bStore, ref bOffset, floats);

    /// <summary>Scratch tile for edge micro-tiles.</summary>
    public float* Tile(int floats) => Ensure(ref tileStore, ref tileOffset, floats);

    private static float* Ensure(ref float[] store, ref int offset, int floats)
    {
        if (store.Length - offset < floats)
        {
            // Pinned so raw pointers stay valid between calls; 16 spare floats let the start be 64-byte aligned.
            store = GC.AllocateUninitializedArray<float>(floats + 16, pinned: true);
            fixed (float* p = store)
            {
                offset = (int)(((64 - ((nint)p & 63)) & 63) / sizeof(float));
            }
        }
        fixed (float* p = store)
        {
            return p + offset;
        }
    }
}
