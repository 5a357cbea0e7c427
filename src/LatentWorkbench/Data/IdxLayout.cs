namespace LatentWorkbench.Data;

/// <summary>
/// MNIST-style folders: train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte,
/// t10k-labels-idx1-ubyte, each raw or with a .gz suffix.
/// </summary>
public sealed class IdxLayout : DatasetLayout
{
    /// <summary>Training images.</summary>
    public const string TrainImages = "train-images-idx3-ubyte";
    /// <summary>Training labels.</summary>
    public const string TrainLabels = "train-labels-idx1-ubyte";
    /// <summary>Test images.</summary>
    public const string TestImages = "t10k-images-idx3-ubyte";
    /// <summary>Test labels.</summary>
    public const string TestLabels = "t10k-labels-idx1-ubyte";

    /// <inheritdoc/>
    public override IReadOnlyList<string> FileNames { get; } = [TrainImages, TrainLabels, TestImages, TestLabels];

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, string>? Locate(string folder, out string problem)
    {
        if (!Directory.Exists(folder)) { problem = $"folder {folder} does not exist"; return null; }
        var files = new Dictionary<string, string>();
        var missing = new List<string>();
        foreach (string name in FileNames)
        {
            string? path = FindPlainOrGz(folder, name);
            if (path is null) missing.Add(name + "[.gz]");
            else files[name] = path;
        }
        problem = missing.Count == 0 ? "" : $"{folder} lacks {string.Join(", ", missing)}";
        return missing.Count == 0 ? files : null;
    }

    /// <inheritdoc/>
    public override ImageDataset Load(DatasetSpec spec, IReadOnlyDictionary<string, string> files, string split) => split switch
    {
        "train" => IdxImageFiles.Load(files[TrainImages], files[TrainLabels], spec.Name, "train", spec.ClassNames),
        "test" => IdxImageFiles.Load(files[TestImages], files[TestLabels], spec.Name, "test", spec.ClassNames),
        _ => throw new ArgumentException($"dataset '{spec.Name}' has splits train and test, not '{split}'", nameof(split)),
    };
}
