namespace LatentWorkbench.Data;

/// <summary>How a file-backed dataset lies in a folder: which files, how to find, copy and load them.</summary>
public abstract class DatasetLayout
{
    /// <summary>The canonical file names the dataset needs.</summary>
    public abstract IReadOnlyList<string> FileNames { get; }

    /// <summary>
    /// Finds the files in <paramref name="folder"/>. Returns canonical name to path, or null with
    /// <paramref name="problem"/> saying what is missing.
    /// </summary>
    public abstract IReadOnlyDictionary<string, string>? Locate(string folder, out string problem);

    /// <summary>Loads one split from located files.</summary>
    public abstract ImageDataset Load(DatasetSpec spec, IReadOnlyDictionary<string, string> files, string split);

    /// <summary>
    /// Copies the dataset's files from <paramref name="sourceFolder"/> into <paramref name="staging"/> (keeping their
    /// file names) and returns the names written. Throws when the folder lacks them.
    /// </summary>
    public virtual IReadOnlyList<string> Stage(string sourceFolder, string staging)
    {
        var files = Locate(sourceFolder, out string problem) ?? throw new FileNotFoundException(problem);
        var names = new List<string>();
        foreach (string path in files.Values)
        {
            string name = Path.GetFileName(path);
            // Stream copy rather than File.Copy: the cache copy must not inherit a read-only source's permissions.
            using (var source = File.OpenRead(path))
            using (var target = File.Create(Path.Combine(staging, name)))
                source.CopyTo(target);
            names.Add(name);
        }
        return names;
    }

    /// <summary>The path of <paramref name="name"/> or <paramref name="name"/>.gz in <paramref name="folder"/>, else null.</summary>
    protected static string? FindPlainOrGz(string folder, string name)
    {
        string plain = Path.Combine(folder, name);
        if (File.Exists(plain)) return plain;
        string gz = plain + ".gz";
        return File.Exists(gz) ? gz : null;
    }
}
