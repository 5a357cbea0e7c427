using LatentWorkbench.Engine;

namespace LatentWorkbench.Data;

/// <summary>Chooses which samples a seeded subset keeps.</summary>
public static class SubsetSelection
{
    /// <summary>
    /// The first <paramref name="n"/> indices of a permutation drawn from <paramref name="seed"/>. When
    /// <paramref name="stratified"/>, each class keeps a share proportional to its frequency (largest remainder),
    /// taken in permutation order, so small subsets keep the class balance of the full set.
    /// </summary>
    public static int[] Indices(int[] labels, int classCount, int n, ulong seed, bool stratified = false)
    {
        int total = labels.Length;
        if (n < 0 || n > total) throw new ArgumentOutOfRangeException(nameof(n), n, $"subset size must be in [0, {total}]");
        int[] perm = new Generator(seed).Permutation(total);
        if (!stratified) return perm[..n];

        var counts = new int[classCount];
        foreach (int label in labels) counts[label]++;
        var quota = new int[classCount];
        var remainder = new double[classCount];
        int assigned = 0;
        for (int c = 0; c < classCount; c++)
        {
            double exact = (double)n * counts[c] / total;
            quota[c] = (int)Math.Floor(exact);
            remainder[c] = exact - quota[c];
            assigned += quota[c];
        }
        // Largest remainder (ties to the lower class index) hands out the rounding leftovers deterministically.
        for (; assigned < n; assigned++)
        {
            int best = -1;
            for (int c = 0; c < classCount; c++)
                if (quota[c] < counts[c] && (best < 0 || remainder[c] > remainder[best])) best = c;
            quota[best]++;
            remainder[best] = double.NegativeInfinity;
        }
        var result = new int[n];
        var taken = new int[classCount];
        int k = 0;
        foreach (int index in perm)
        {
            int c = labels[index];
            if (taken[c] < quota[c]) { taken[c]++; result[k++] = index; if (k == n) break; }
        }
        return result;
    }
}
