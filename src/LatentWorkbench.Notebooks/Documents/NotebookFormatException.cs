namespace LatentWorkbench.Notebooks.Documents;

/// <summary>A notebook file that cannot be read: malformed JSON or a missing/ill-typed field.</summary>
public sealed class NotebookFormatException : Exception
{
    /// <summary>Creates the exception; the message names the file and, when known, the 1-based line and column.</summary>
    public NotebookFormatException(string path, string problem, long? line = null, long? column = null, Exception? inner = null)
        : base(Describe(path, problem, line, column), inner)
    {
        FilePath = path;
        Line = line;
        Column = column;
    }

    /// <summary>The notebook file.</summary>
    public string FilePath { get; }

    /// <summary>1-based line of the problem, when known.</summary>
    public long? Line { get; }

    /// <summary>1-based column (byte position in line) of the problem, when known.</summary>
    public long? Column { get; }

    private static string Describe(string path, string problem, long? line, long? column) =>
        line is null ? $"{path}: {problem}" : $"{path}({line},{column ?? 1}): {problem}";
}
