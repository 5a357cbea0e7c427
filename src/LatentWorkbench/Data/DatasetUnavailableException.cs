using System.Text;

namespace LatentWorkbench.Data;

/// <summary>One place a dataset was looked for, and why it did not deliver.</summary>
/// <param name="Source">Human-readable source, e.g. "cache /repo/data/mnist".</param>
/// <param name="Error">Why it failed.</param>
public sealed record SourceAttempt(string Source, string Error);

/// <summary>
/// Every source for a dataset failed. The message lists each source with its error and says how to provide
/// the files by hand.
/// </summary>
public sealed class DatasetUnavailableException : Exception
{
    /// <summary>Creates the exception from the attempts, in the order they were made.</summary>
    public DatasetUnavailableException(string dataset, string cacheDirectory, IReadOnlyList<SourceAttempt> attempts, IReadOnlyList<string>? expectedFiles = null)
        : base(Format(dataset, cacheDirectory, attempts, expectedFiles))
    {
        Dataset = dataset;
        Attempts = attempts;
    }

    /// <summary>The dataset name.</summary>
    public string Dataset { get; }

    /// <summary>The sources tried, in order.</summary>
    public IReadOnlyList<SourceAttempt> Attempts { get; }

    private static string Format(string dataset, string cacheDirectory, IReadOnlyList<SourceAttempt> attempts, IReadOnlyList<string>? expectedFiles)
    {
        var sb = new StringBuilder();
        sb.Append("dataset '").Append(dataset).AppendLine("' is not available; sources tried:");
        for (int i = 0; i < attempts.Count; i++)
            sb.Append("  ").Append(i + 1).Append(". ").Append(attempts[i].Source).Append(": ").AppendLine(attempts[i].Error);
        sb.Append("Provide the files by copying them into ").Append(cacheDirectory)
          .Append(", or set ").Append(DataDirectories.DatasetsDirVariable)
          .Append(" to a folder that holds a '").Append(dataset).Append("' subfolder with them.");
        if (expectedFiles is { Count: > 0 })
            sb.AppendLine().Append("Expected files: ").Append(string.Join(", ", expectedFiles)).Append('.');
        return sb.ToString();
    }
}
