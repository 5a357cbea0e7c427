using LatentWorkbench.Engine;

namespace LatentWorkbench.Data;

/// <summary>
/// Minibatches of rows of tensors already in memory: inputs [n, ...], optional labels [n] and optional paired targets
/// [n, ...], the same rows of each per batch. With shuffling, one generator seeded once draws a fresh permutation for
/// each epoch in turn (as <c>rng.Permutation(n)</c> at the top of a hand-written epoch loop), so epoch e's order
/// depends on the seed and e only; asking for an earlier epoch replays the draws.
/// </summary>
/// <example>
/// <code>
/// var batches = new TensorBatches(x, labels, batchSize: 128, seed: 7);   // x [n, d], labels [n]
/// foreach (var b in batches.Epoch(0)) { /* b.Inputs [128, d], b.Labels [128] */ }
/// </code>
/// </example>
public sealed class TensorBatches : IBatchSource
{
    private readonly Tensor _inputs;
    private readonly int[]? _labels;
    private readonly Tensor? _targets;
    private Generator _generator;
    private int _epochsDrawn;
    private int[] _order = [];

    /// <summary>
    /// Batches of <paramref name="batchSize"/> rows (at most n; the last batch may be smaller) of
    /// <paramref name="inputs"/> [n, ...] with the same rows of <paramref name="labels"/> [n] and
    /// <paramref name="targets"/> [n, ...] when given. Batches of fewer than <paramref name="minBatchSize"/> rows are
    /// skipped (2 for models with batch normalisation, which cannot normalise one sample).
    /// </summary>
    public TensorBatches(Tensor inputs, int[]? labels = null, Tensor? targets = null, int batchSize = 512, bool shuffle = true, ulong seed = 0, int minBatchSize = 1)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.Rank < 1) throw new ArgumentException("inputs must have a leading row dimension [n, ...]; got a scalar", nameof(inputs));
        int n = inputs.Size(0);
        if (labels is not null && labels.Length != n)
            throw new ArgumentException($"inputs has {n} rows but labels has {labels.Length}", nameof(labels));
        if (targets is not null && (targets.Rank < 1 || targets.Size(0) != n))
            throw new ArgumentException($"inputs has {n} rows but targets has shape [{string.Join(", ", targets.Shape)}]", nameof(targets));
        if (batchSize < 1) throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "batch size must be positive");
        if (minBatchSize < 1) throw new ArgumentOutOfRangeException(nameof(minBatchSize), minBatchSize, "the smallest batch kept must have at least 1 row");
        _inputs = inputs;
        _labels = labels;
        _targets = targets;
        Rows = n;
        BatchSize = Math.Max(1, Math.Min(batchSize, n));
        MinBatchSize = minBatchSize;
        Shuffle = shuffle;
        Seed = seed;
        _generator = new Generator(seed);
        for (int start = 0; start < n; start += BatchSize)
        {
            int count = Math.Min(BatchSize, n - start);
            if (count >= minBatchSize) SampleCount += count;
        }
    }

    /// <summary>Rows n of the tensors.</summary>
    public int Rows { get; }

    /// <summary>Rows per batch: the requested size, at most n.</summary>
    public int BatchSize { get; }

    /// <summary>Batches with fewer rows than this are skipped.</summary>
    public int MinBatchSize { get; }

    /// <summary>Whether each epoch visits the rows in a fresh seeded order.</summary>
    public bool Shuffle { get; }

    /// <summary>Seed of the shuffling.</summary>
    public ulong Seed { get; }

    /// <inheritdoc/>
    public int SampleCount { get; }

    /// <summary>The row order of <paramref name="epoch"/> [n]: identity without shuffling, else the epoch's permutation.</summary>
    public int[] Order(int epoch) => (int[])OrderOf(epoch).Clone();

    private int[] OrderOf(int epoch)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(epoch);
        if (!Shuffle)
        {
            var identity = new int[Rows];
            for (int i = 0; i < Rows; i++) identity[i] = i;
            return identity;
        }
        if (epoch < _epochsDrawn - 1)
        {
            _generator = new Generator(Seed);
            _epochsDrawn = 0;
        }
        while (_epochsDrawn <= epoch)
        {
            _order = _generator.Permutation(Rows);
            _epochsDrawn++;
        }
        return _order;
    }

    /// <inheritdoc/>
    public IEnumerable<Batch> Epoch(int epoch = 0)
    {
        int[] order = OrderOf(epoch);
        for (int start = 0; start < Rows; start += BatchSize)
        {
            int count = Math.Min(BatchSize, Rows - start);
            if (count < MinBatchSize) continue;
            yield return Select(order, start, count);
        }
    }

    private Batch Select(int[] order, int start, int count)
    {
        var rows = order.AsSpan(start, count);
        var inputs = _inputs.IndexSelect(0, rows);
        int[] labels = [];
        if (_labels is not null)
        {
            labels = rows.ToArray();
            for (int i = 0; i < labels.Length; i++) labels[i] = _labels[labels[i]];
        }
        return new Batch(inputs, labels) { Targets = _targets?.IndexSelect(0, rows) };
    }
}
