using System.Globalization;
using System.Runtime.Intrinsics.X86;

namespace LatentWorkbench.Engine.Kernels;

/// <summary>
/// Data cache sizes per core (L1d, L2) and of the last level (L3) that the managed GEMM sizes its blocks for.
/// Read from CPUID (deterministic cache parameters: leaf 4 on Intel, 0x8000001D on AMD, AMD's legacy leaves
/// 0x80000005/6 otherwise), overridable with LWB_CACHES, and defaulted when neither says anything.
/// </summary>
/// <param name="L1d">Level 1 data cache of one core, bytes.</param>
/// <param name="L2">Level 2 cache of one core, bytes.</param>
/// <param name="L3">Last-level cache, bytes (0 when the machine reports none).</param>
/// <param name="Source">Where the sizes came from: cpuid, LWB_CACHES or default.</param>
public sealed record CpuCaches(int L1d, int L2, long L3, string Source)
{
    /// <summary>Environment variable overriding the detected sizes: "L1d,L2,L3" with K/M/G suffixes, e.g. "32K,512K,16M".</summary>
    public const string OverrideVariable = "LWB_CACHES";

    /// <summary>Sizes assumed when the processor reports nothing usable (a typical 2020s x86 core).</summary>
    public static CpuCaches Default { get; } = new(32 * 1024, 512 * 1024, 16L << 20, "default");

    /// <summary>This machine's sizes, resolved once: LWB_CACHES if set, else CPUID, else <see cref="Default"/>.</summary>
    public static CpuCaches Current { get; } = Resolve();

    /// <summary>Short form for reports, e.g. "L1d 48 KiB, L2 1 MiB, L3 32 MiB (cpuid)".</summary>
    public override string ToString() => $"L1d {Format(L1d)}, L2 {Format(L2)}, L3 {Format(L3)} ({Source})";

    /// <summary>Parses an LWB_CACHES value ("L1d,L2,L3", each a number of bytes with an optional K, M or G suffix).</summary>
    /// <exception cref="ArgumentException">The value does not have three positive sizes.</exception>
    public static CpuCaches Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        string[] parts = value.Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length != 3)
            throw new ArgumentException($"{OverrideVariable}='{value}': expected three sizes L1d,L2,L3 such as 32K,512K,16M", nameof(value));
        long[] bytes = new long[3];
        for (int i = 0; i < 3; i++)
        {
            string p = parts[i].ToUpperInvariant().TrimEnd('B');
            long unit = p.EndsWith('K') ? 1L << 10 : p.EndsWith('M') ? 1L << 20 : p.EndsWith('G') ? 1L << 30 : 1;
            if (unit != 1) p = p[..^1];
            if (!long.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out long n) || n <= 0 || n * unit > int.MaxValue && i < 2)
                throw new ArgumentException($"{OverrideVariable}='{value}': '{parts[i]}' is not a positive size", nameof(value));
            bytes[i] = n * unit;
        }
        return new CpuCaches((int)bytes[0], (int)bytes[1], bytes[2], OverrideVariable);
    }

    private static CpuCaches Resolve()
    {
        string? env = Environment.GetEnvironmentVariable(OverrideVariable);
        if (!string.IsNullOrWhiteSpace(env)) return Parse(env);
        return FromCpuid() ?? Default;
    }

    private static CpuCaches? FromCpuid()
    {
        if (!X86Base.IsSupported) return null;
        var (_, vendorB, vendorC, vendorD) = X86Base.CpuId(0, 0);
        bool amd = vendorB == 0x68747541 && vendorD == 0x69746E65 && vendorC == 0x444D4163; // "AuthenticAMD"
        uint maxExtended = (uint)X86Base.CpuId(unchecked((int)0x80000000), 0).Eax;
        int leaf;
        if (amd)
        {
            // 0x8000001D has leaf 4's layout but exists only with the topology extensions (0x80000001 ECX bit 22).
            bool topoExt = maxExtended >= 0x80000001 && (X86Base.CpuId(unchecked((int)0x80000001), 0).Ecx & (1 << 22)) != 0;
            if (!topoExt || maxExtended < 0x8000001D) return FromAmdLegacy(maxExtended);
            leaf = unchecked((int)0x8000001D);
        }
        else
        {
            if (X86Base.CpuId(0, 0).Eax < 4) return null;
            leaf = 4;
        }
        long l1 = 0, l2 = 0, l3 = 0;
        for (int sub = 0; sub < 16; sub++)
        {
            var (eax, ebx, ecx, _) = X86Base.CpuId(leaf, sub);
            int type = eax & 0x1F;
            if (type == 0) break;
            if (type == 2) continue; // instruction cache
            int level = (eax >> 5) & 0x7;
            long size = (long)(((ebx >> 22) & 0x3FF) + 1) * (((ebx >> 12) & 0x3FF) + 1) * ((ebx & 0xFFF) + 1) * ((long)(uint)ecx + 1);
            if (level == 1) l1 = size;
            else if (level == 2) l2 = size;
            else if (level == 3) l3 = size;
        }
        return l1 > 0 && l2 > 0 ? new CpuCaches((int)l1, (int)l2, l3, "cpuid") : null;
    }

    // AMD without topology extensions: L1d KiB in 0x80000005 ECX[31:24], L2 KiB in 0x80000006 ECX[31:16], L3 in EDX[31:18] x 512 KiB.
    private static CpuCaches? FromAmdLegacy(uint maxExtended)
    {
        if (maxExtended < 0x80000006) return null;
        long l1 = (long)(((uint)X86Base.CpuId(unchecked((int)0x80000005), 0).Ecx) >> 24) << 10;
        var l2l3 = X86Base.CpuId(unchecked((int)0x80000006), 0);
        long l2 = (long)(((uint)l2l3.Ecx) >> 16) << 10;
        long l3 = (long)(((uint)l2l3.Edx) >> 18) * (512L << 10);
        return l1 > 0 && l2 > 0 ? new CpuCaches((int)l1, (int)l2, l3, "cpuid") : null;
    }

    private static string Format(long bytes) => bytes switch
    {
        0 => "none",
        _ when bytes % (1L << 20) == 0 => $"{bytes >> 20} MiB",
        _ when bytes % (1L << 10) == 0 => $"{bytes >> 10} KiB",
        _ => $"{bytes} B",
    };
}
