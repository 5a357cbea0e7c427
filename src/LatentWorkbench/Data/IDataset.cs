namespace LatentWorkbench.Data;

/// <summary>
/// A labelled, indexable dataset whose samples all have the same shape. The data loader only needs this view.
/// </summary>
public interface IDataset
{
    /// <summary>Dataset name, e.g. "mnist".</summary>
    string Name { get; }

    /// <summary>Split name, e.g. "train" or "test".</summary>
    string Split { get; }

    /// <summary>Number of samples.</summary>
    int Count { get; }

    /// <summary>Shape of one sample, e.g. [1, 28, 28] or [4].</summary>
    IReadOnlyList<int> SampleShape { get; }

    /// <summary>Class index of every sample.</summary>
    int[] Labels { get; }

    /// <summary>Class names, indexed by label.</summary>
    IReadOnlyList<string> ClassNames { get; }

    /// <summary>Writes sample <paramref name="index"/> as float32 into <paramref name="destination"/> (length = product of SampleShape).</summary>
    void CopySample(int index, Span<float> destination);
}
