using System.Text;

namespace LatentWorkbench.Engine.Serialization;

/// <summary>
/// Writes files so that a reader never sees a half-written one and a crash never destroys the previous version: the
/// content goes to a temporary sibling, which is then renamed over the target. Checkpoints, cached models, executed
/// notebooks, reports and result files all go through it.
/// </summary>
public static class AtomicFile
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Replaces <paramref name="path"/> with <paramref name="text"/> (UTF-8 without BOM).</summary>
    public static void WriteAllText(string path, string text) => Write(path, temp => File.WriteAllText(temp, text, Utf8NoBom));

    /// <summary>
    /// Replaces <paramref name="path"/> with what <paramref name="writeTemp"/> writes to the temporary path it is given
    /// (in the same folder, so the rename stays on one file system); creates the folder; removes the temporary file
    /// when writing fails.
    /// </summary>
    public static void Write(string path, Action<string> writeTemp)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(writeTemp);
        string full = Path.GetFullPath(path);
        string directory = Path.GetDirectoryName(full) ?? throw new ArgumentException($"'{path}' has no folder", nameof(path));
        Directory.CreateDirectory(directory);
        string temp = Path.Combine(directory, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            writeTemp(temp);
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            try { if (File.Exists(temp)) File.Delete(temp); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
