using LatentWorkbench.Engine;

namespace LatentWorkbench.Data;

/// <summary>
/// Labelled images kept as bytes (n x c x h x w, channel-major per image) to keep memory low;
/// <see cref="Images"/> converts to a float32 tensor scaled to [0, 1] on first use.
/// </summary>
public sealed class ImageDataset : IDataset
{
    private Tensor? _images;

    /// <summary>Creates a dataset; <paramref name="pixels"/> holds count*channels*height*width bytes.</summary>
    public ImageDataset(string name, string split, byte[] pixels, int[] labels, int channels, int height, int width, IReadOnlyList<string> classNames)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        ArgumentNullException.ThrowIfNull(labels);
        long per = (long)channels * height * width;
        if (per <= 0) throw new ArgumentException($"image shape [{channels}, {height}, {width}] must be positive");
        if (pixels.Length != per * labels.Length)
            throw new ArgumentException($"{name}/{split}: {pixels.Length} pixel bytes do not hold {labels.Length} images of [{channels}, {height}, {width}] ({per * labels.Length} bytes)", nameof(pixels));
        foreach (int label in labels)
            if ((uint)label >= (uint)classNames.Count)
                throw new ArgumentException($"{name}/{split}: label {label} outside [0, {classNames.Count})", nameof(labels));
        Name = name;
        Split = split;
        Pixels = pixels;
        Labels = labels;
        Channels = channels;
        Height = height;
        Width = width;
        ClassNames = classNames;
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public string Split { get; }

    /// <summary>Raw pixel bytes, image after image, each [channels, height, width].</summary>
    public byte[] Pixels { get; }

    /// <inheritdoc/>
    public int[] Labels { get; }

    /// <summary>Colour channels (1 for MNIST, 3 for CIFAR-10).</summary>
    public int Channels { get; }

    /// <summary>Image height in pixels.</summary>
    public int Height { get; }

    /// <summary>Image width in pixels.</summary>
    public int Width { get; }

    /// <inheritdoc/>
    public IReadOnlyList<string> ClassNames { get; }

    /// <inheritdoc/>
    public int Count => Labels.Length;

    /// <summary>Bytes per image.</summary>
    public int ImageSize => Channels * Height * Width;

    /// <inheritdoc/>
    public IReadOnlyList<int> SampleShape => [Channels, Height, Width];

    /// <summary>All images as float32 [n, c, h, w] in [0, 1]; converted once and cached.</summary>
    public Tensor Images => _images ??= ToTensor();

    /// <summary>A fresh float32 tensor [n, c, h, w] with pixel/255.</summary>
    public Tensor ToTensor()
    {
        var data = new float[Pixels.Length];
        ScaleBytes(Pixels, data);
        return Tensor.FromArray(data, Count, Channels, Height, Width);
    }

    /// <inheritdoc/>
    public void CopySample(int index, Span<float> destination)
    {
        if ((uint)index >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(index), index, $"dataset has {Count} samples");
        ScaleBytes(Pixels.AsSpan(index * ImageSize, ImageSize), destination[..ImageSize]);
    }

    /// <summary>Number of samples per class.</summary>
    public int[] ClassCounts()
    {
        var counts = new int[ClassNames.Count];
        foreach (int label in Labels) counts[label]++;
        return counts;
    }

    /// <summary>A new dataset holding the given samples, in that order.</summary>
    public ImageDataset Take(IReadOnlyList<int> indices, string? split = null)
    {
        int size = ImageSize;
        var pixels = new byte[indices.Count * size];
        var labels = new int[indices.Count];
        for (int i = 0; i < indices.Count; i++)
        {
            Pixels.AsSpan(indices[i] * size, size).CopyTo(pixels.AsSpan(i * size));
            labels[i] = Labels[indices[i]];
        }
        return new ImageDataset(Name, split ?? Split, pixels, labels, Channels, Height, Width, ClassNames);
    }

    /// <summary>The first <paramref name="n"/> samples of a permutation drawn from <paramref name="seed"/>.</summary>
    public ImageDataset Subset(int n, ulong seed, bool stratified = false) =>
        Take(SubsetSelection.Indices(Labels, ClassNames.Count, n, seed, stratified));

    // byte / 255f for every byte value: a table lookup is exact (same rounding as a division) and cheaper.
    private static readonly float[] UnitScale = BuildUnitScale();

    private static float[] BuildUnitScale()
    {
        var table = new float[256];
        for (int i = 0; i < 256; i++) table[i] = i / 255f;
        return table;
    }

    private static void ScaleBytes(ReadOnlySpan<byte> source, Span<float> destination)
    {
        var table = UnitScale;
        for (int i = 0; i < source.Length; i++) destination[i] = table[source[i]];
    }
}
