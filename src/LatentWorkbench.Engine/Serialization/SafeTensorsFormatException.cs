namespace LatentWorkbench.Engine.Serialization;

/// <summary>
/// A safetensors file is malformed, truncated or unsupported. The message names the file,
/// the problem and, where one is involved, the tensor. (It derives from IOException because
/// InvalidDataException is sealed; both mean "the bytes on disk are wrong".)
/// </summary>
public sealed class SafeTensorsFormatException : IOException
{
    /// <summary>The file that failed to load.</summary>
    public string FilePath { get; }

    /// <summary>Creates the exception for <paramref name="filePath"/> with a description of the problem.</summary>
    public SafeTensorsFormatException(string filePath, string problem, Exception? inner = null)
        : base($"safetensors file '{filePath}': {problem}", inner)
    {
        FilePath = filePath;
    }
}
