using System.Collections.Concurrent;

namespace LatentWorkbench.Engine;

/// <summary>
/// What a piece of work drew on, so a shared notebook says how its numbers were made: every seed a
/// <see cref="Generator"/> was created with and every data file read (with its SHA-256). A host (the notebook runner
/// or kernel) opens a log per cell with <see cref="Begin"/>; outside a log, recording costs one read and nothing else.
/// </summary>
public static class Provenance
{
    private static readonly AsyncLocal<ProvenanceLog?> Current = new();

    /// <summary>Records into <paramref name="log"/> for the calling logical flow (and the tasks it starts) until the scope is disposed.</summary>
    public static IDisposable Begin(ProvenanceLog log)
    {
        var previous = Current.Value;
        Current.Value = log;
        return new Scope(previous);
    }

    /// <summary>Notes that randomness was seeded with <paramref name="seed"/>.</summary>
    public static void SeedUsed(ulong seed) => Current.Value?.AddSeed(seed);

    /// <summary>Notes that <paramref name="file"/> (a name such as <c>mnist/train-images-idx3-ubyte.gz</c>) was read.</summary>
    public static void DataRead(string file, string sha256) => Current.Value?.AddData(file, sha256);

    private sealed class Scope(ProvenanceLog? previous) : IDisposable
    {
        public void Dispose() => Current.Value = previous;
    }
}

/// <summary>The seeds and data files one piece of work used. Thread-safe.</summary>
public sealed class ProvenanceLog
{
    /// <summary>Seeds kept in full; a run that creates more (per-epoch shuffles) is summarised by its count.</summary>
    public const int MaxSeeds = 32;

    private readonly ConcurrentDictionary<ulong, byte> _seeds = new();
    private readonly ConcurrentDictionary<string, string> _data = new(StringComparer.Ordinal);
    private int _seedCount;

    /// <summary>The distinct seeds, smallest first (at most <see cref="MaxSeeds"/>).</summary>
    public IReadOnlyList<ulong> Seeds => _seeds.Keys.Order().ToArray();

    /// <summary>How many generators were created in all.</summary>
    public int GeneratorCount => Volatile.Read(ref _seedCount);

    /// <summary>Data files read, name to SHA-256, sorted by name.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Data => _data.OrderBy(p => p.Key, StringComparer.Ordinal).ToArray();

    internal void AddSeed(ulong seed)
    {
        Interlocked.Increment(ref _seedCount);
        if (_seeds.Count < MaxSeeds) _seeds.TryAdd(seed, 0);
    }

    internal void AddData(string file, string sha256) => _data[file] = sha256;
}
