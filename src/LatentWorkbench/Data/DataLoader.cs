using LatentWorkbench.Engine;

namespace LatentWorkbench.Data;

/// <summary>
/// Iterates a dataset in minibatches. With shuffling, the order of epoch e is a permutation drawn from a generator
/// seeded by (seed, e), so any epoch can be replayed on its own. Not thread-safe: enumerate one epoch at a time.
/// </summary>
public sealed class DataLoader : IBatchSource
{
    private readonly int[] _inputShape;

    /// <summary>Creates a loader over <paramref name="dataset"/>.</summary>
    public DataLoader(IDataset dataset, int batchSize, bool shuffle = true, ulong seed = 0, bool dropLast = false, ISampleTransform? transform = null)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        if (batchSize <= 0) throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "batch size must be positive");
        Dataset = dataset;
        BatchSize = batchSize;
        Shuffle = shuffle;
        Seed = seed;
        DropLast = dropLast;
        Transform = transform;
        _inputShape = [.. dataset.SampleShape];
        SampleShape = transform?.OutputShape(_inputShape) ?? _inputShape;
    }

    /// <summary>The dataset being iterated.</summary>
    public IDataset Dataset { get; }

    /// <summary>Samples per batch (the last batch may be smaller unless <see cref="DropLast"/>).</summary>
    public int BatchSize { get; }

    /// <summary>Whether each epoch visits the samples in a fresh seeded order.</summary>
    public bool Shuffle { get; }

    /// <summary>Seed of the shuffling.</summary>
    public ulong Seed { get; }

    /// <summary>Whether a final incomplete batch is skipped.</summary>
    public bool DropLast { get; }

    /// <summary>Per-sample transform, or null.</summary>
    public ISampleTransform? Transform { get; }

    /// <summary>Shape of one sample after the transform.</summary>
    public IReadOnlyList<int> SampleShape { get; }

    /// <summary>Samples per epoch: all of them, or the full batches' only with <see cref="DropLast"/>.</summary>
    public int SampleCount => DropLast ? BatchCount * BatchSize : Dataset.Count;

    /// <summary>Batches per epoch.</summary>
    public int BatchCount => DropLast ? Dataset.Count / BatchSize : (Dataset.Count + BatchSize - 1) / BatchSize;

    /// <summary>The sample order of <paramref name="epoch"/>: identity without shuffling, else a seeded permutation.</summary>
    public int[] Order(int epoch)
    {
        int n = Dataset.Count;
        if (!Shuffle)
        {
            var identity = new int[n];
            for (int i = 0; i < n; i++) identity[i] = i;
            return identity;
        }
        // Mixing the epoch into the seed (the generator's SplitMix expansion decorrelates nearby values) makes
        // every epoch's order independent of how many epochs ran before.
        ulong mixed = Seed ^ (0x9E3779B97F4A7C15UL * (ulong)(epoch + 1));
        return new Generator(mixed).Permutation(n);
    }

    /// <summary>The batches of one epoch.</summary>
    public IEnumerable<Batch> Epoch(int epoch = 0)
    {
        int[] order = Order(epoch);
        int inNumel = Transforms.Numel(_inputShape);
        int outNumel = Transforms.Numel(SampleShape);
        var raw = Transform is null ? null : new float[inNumel];
        var shape = new int[SampleShape.Count + 1];
        for (int d = 0; d < SampleShape.Count; d++) shape[d + 1] = SampleShape[d];
        for (int b = 0; b < BatchCount; b++)
        {
            int start = b * BatchSize;
            int size = Math.Min(BatchSize, order.Length - start);
            // The batch owns its buffer: callers may keep a batch after asking for the next one. Inside a
            // DisposeScope it comes from (and goes back to) the tensor pool, like any tensor made there.
            shape[0] = size;
            var batch = Tensor.Zeros(shape);
            var data = batch.AsSpan();
            var labels = new int[size];
            for (int i = 0; i < size; i++)
            {
                int index = order[start + i];
                var target = data.Slice(i * outNumel, outNumel);
                if (raw is null) Dataset.CopySample(index, target);
                else
                {
                    Dataset.CopySample(index, raw);
                    Transform!.Apply(raw, _inputShape, target);
                }
                labels[i] = Dataset.Labels[index];
            }
            yield return new Batch(batch, labels);
        }
    }
}
