using LatentWorkbench.Engine;

namespace LatentWorkbench.Data;

/// <summary>Labelled feature vectors stored row-major as float32 [n, d] (e.g. Yin-Yang with d = 4).</summary>
public sealed class TabularDataset : IDataset
{
    /// <summary>Creates a dataset; <paramref name="features"/> holds labels.Length * featureCount values.</summary>
    public TabularDataset(string name, string split, float[] features, int featureCount, int[] labels, IReadOnlyList<string> classNames)
    {
        if (featureCount <= 0) throw new ArgumentOutOfRangeException(nameof(featureCount), featureCount, "must be positive");
        if (features.Length != (long)featureCount * labels.Length)
            throw new ArgumentException($"{name}/{split}: {features.Length} values do not hold {labels.Length} rows of {featureCount} features", nameof(features));
        foreach (int label in labels)
            if ((uint)label >= (uint)classNames.Count)
                throw new ArgumentException($"{name}/{split}: label {label} outside [0, {classNames.Count})", nameof(labels));
        Name = name;
        Split = split;
        Data = features;
        FeatureCount = featureCount;
        Labels = labels;
        ClassNames = classNames;
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public string Split { get; }

    /// <summary>Row-major feature values.</summary>
    public float[] Data { get; }

    /// <summary>Features per row.</summary>
    public int FeatureCount { get; }

    /// <inheritdoc/>
    public int[] Labels { get; }

    /// <inheritdoc/>
    public IReadOnlyList<string> ClassNames { get; }

    /// <inheritdoc/>
    public int Count => Labels.Length;

    /// <inheritdoc/>
    public IReadOnlyList<int> SampleShape => [FeatureCount];

    /// <summary>The features as a tensor [n, d] sharing this dataset's buffer (mutating it mutates the dataset).</summary>
    public Tensor Features => Tensor.FromArray(Data, Count, FeatureCount);

    /// <summary>Feature <paramref name="j"/> of row <paramref name="i"/>.</summary>
    public float this[int i, int j] => Data[i * FeatureCount + j];

    /// <inheritdoc/>
    public void CopySample(int index, Span<float> destination)
    {
        if ((uint)index >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(index), index, $"dataset has {Count} samples");
        Data.AsSpan(index * FeatureCount, FeatureCount).CopyTo(destination);
    }

    /// <summary>Number of samples per class.</summary>
    public int[] ClassCounts()
    {
        var counts = new int[ClassNames.Count];
        foreach (int label in Labels) counts[label]++;
        return counts;
    }

    /// <summary>A new dataset holding the given rows, in that order.</summary>
    public TabularDataset Take(IReadOnlyList<int> indices, string? split = null)
    {
        var data = new float[indices.Count * FeatureCount];
        var labels = new int[indices.Count];
        for (int i = 0; i < indices.Count; i++)
        {
            Data.AsSpan(indices[i] * FeatureCount, FeatureCount).CopyTo(data.AsSpan(i * FeatureCount));
            labels[i] = Labels[indices[i]];
        }
        return new TabularDataset(Name, split ?? Split, data, FeatureCount, labels, ClassNames);
    }

    /// <summary>The first <paramref name="n"/> rows of a permutation drawn from <paramref name="seed"/>.</summary>
    public TabularDataset Subset(int n, ulong seed, bool stratified = false) =>
        Take(SubsetSelection.Indices(Labels, ClassNames.Count, n, seed, stratified));
}
