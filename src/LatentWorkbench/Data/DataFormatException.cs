namespace LatentWorkbench.Data;

/// <summary>
/// A data file does not have the layout its format promises (bad magic, truncation, wrong record size,
/// counts that disagree). The message names the file and what was expected versus found.
/// Derives from <see cref="IOException"/> because <see cref="InvalidDataException"/> is sealed.
/// </summary>
public sealed class DataFormatException : IOException
{
    /// <summary>Creates the exception for <paramref name="filePath"/>; the message is prefixed with the path.</summary>
    public DataFormatException(string filePath, string problem, Exception? inner = null)
        : base($"{filePath}: {problem}", inner)
    {
        FilePath = filePath;
        Problem = problem;
    }

    /// <summary>The file (or archive entry) that is malformed.</summary>
    public string FilePath { get; }

    /// <summary>What was expected and what was found, without the path.</summary>
    public string Problem { get; }
}
