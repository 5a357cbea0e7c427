namespace LatentWorkbench.Data;

/// <summary>
/// CIFAR-10 binary folders: data_batch_1..5.bin and test_batch.bin, directly or under cifar-10-batches-bin/;
/// a folder holding only cifar-10-binary.tar.gz is staged by extracting it.
/// </summary>
public sealed class CifarLayout(int? recordsPerFile = 10000) : DatasetLayout
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> FileNames { get; } = [.. CifarReader.TrainFiles, CifarReader.TestFile];

    /// <summary>Records each batch file must hold (10000 for the official files), or null to accept any.</summary>
    public int? RecordsPerFile { get; } = recordsPerFile;

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, string>? Locate(string folder, out string problem)
    {
        if (!Directory.Exists(folder)) { problem = $"folder {folder} does not exist"; return null; }
        string nested = Path.Combine(folder, CifarReader.ArchiveFolder);
        foreach (string candidate in new[] { folder, nested })
        {
            var files = new Dictionary<string, string>();
            foreach (string name in FileNames)
            {
                string path = Path.Combine(candidate, name);
                if (File.Exists(path)) files[name] = path;
            }
            if (files.Count == FileNames.Count) { problem = ""; return files; }
        }
        problem = $"{folder} lacks {string.Join(", ", FileNames)} (also looked in {CifarReader.ArchiveFolder}/ and for {CifarReader.ArchiveName})";
        return null;
    }

    /// <inheritdoc/>
    public override IReadOnlyList<string> Stage(string sourceFolder, string staging)
    {
        if (Locate(sourceFolder, out _) is not null) return base.Stage(sourceFolder, staging);
        string archive = Path.Combine(sourceFolder, CifarReader.ArchiveName);
        if (!File.Exists(archive)) return base.Stage(sourceFolder, staging); // throws with the listing
        var extracted = CifarReader.ExtractArchive(archive, staging);
        return extracted.Where(FileNames.Contains).ToList();
    }

    /// <inheritdoc/>
    public override ImageDataset Load(DatasetSpec spec, IReadOnlyDictionary<string, string> files, string split) => split switch
    {
        "train" => CifarReader.Load(CifarReader.TrainFiles.Select(f => files[f]).ToList(), "train", RecordsPerFile, spec.Name),
        "test" => CifarReader.Load([files[CifarReader.TestFile]], "test", RecordsPerFile, spec.Name),
        _ => throw new ArgumentException($"dataset '{spec.Name}' has splits train and test, not '{split}'", nameof(split)),
    };
}
