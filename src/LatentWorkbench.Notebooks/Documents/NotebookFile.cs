namespace LatentWorkbench.Notebooks.Documents;

/// <summary>Reads and writes notebooks choosing the format from the file extension (.ipynb or .dib).</summary>
public static class NotebookFile
{
    /// <summary>Reads an .ipynb or .dib file.</summary>
    public static NotebookDocument Read(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"Notebook '{path}' does not exist.", path);
        return Extension(path) switch
        {
            ".ipynb" => IpynbFormat.Read(path),
            ".dib" => DibFormat.Read(path),
            var ext => throw new NotebookFormatException(path, $"unsupported notebook extension '{ext}'; expected .ipynb or .dib."),
        };
    }

    /// <summary>Writes an .ipynb or .dib file atomically.</summary>
    public static void Write(NotebookDocument doc, string path)
    {
        switch (Extension(path))
        {
            case ".ipynb": IpynbFormat.Write(doc, path); break;
            case ".dib": DibFormat.Write(doc, path); break;
            case var ext: throw new NotebookFormatException(path, $"unsupported notebook extension '{ext}'; expected .ipynb or .dib.");
        }
    }

    /// <summary>Whether the path has a notebook extension.</summary>
    public static bool IsNotebook(string path) => Extension(path) is ".ipynb" or ".dib";

    private static string Extension(string path) => Path.GetExtension(path).ToLowerInvariant();
}
