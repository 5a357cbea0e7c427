using System.Security.Cryptography;
using LatentWorkbench.Engine.Serialization;

namespace LatentWorkbench.Data;

/// <summary>Digests of data files and the SHA256SUMS manifest format ("hex  name" per line).</summary>
public static class FileHashes
{
    /// <summary>Manifest file name written next to cached files.</summary>
    public const string ManifestName = "SHA256SUMS";

    /// <summary>Lower-case hex SHA-256 of the file's bytes as stored.</summary>
    public static string Sha256(string path)
    {
        using var fs = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(fs));
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string Path, long Length, DateTime Written), string> Computed = new();

    /// <summary>
    /// <see cref="Sha256"/>, computed once per file version (path, size, write time) in this process: provenance
    /// records the digest of every data file a cell reads, and cells read the same files again and again.
    /// </summary>
    public static string CachedSha256(string path)
    {
        var info = new FileInfo(path);
        return Computed.GetOrAdd((info.FullName, info.Length, info.LastWriteTimeUtc), key => Sha256(key.Path));
    }

    /// <summary>Lower-case hex SHA-256 of the content after gzip decompression (if compressed), so raw and gzipped copies agree.</summary>
    public static string ContentSha256(string path)
    {
        using var stream = DataStreams.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary>Lower-case hex MD5 of the file's bytes (the digest published for the official archives).</summary>
    public static string Md5(string path)
    {
        using var fs = File.OpenRead(path);
        return Convert.ToHexStringLower(MD5.HashData(fs));
    }

    /// <summary>Reads a SHA256SUMS manifest: file name to lower-case hex digest.</summary>
    public static Dictionary<string, string> ReadManifest(string path)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        int lineNumber = 0;
        foreach (string raw in File.ReadLines(path))
        {
            lineNumber++;
            string line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            int space = line.IndexOf(' ');
            if (space != 64) throw new DataFormatException(path, $"line {lineNumber}: expected '<64 hex digits>  <file name>', found '{line}'");
            result[line[(space + 1)..].TrimStart(' ', '*')] = line[..64].ToLowerInvariant();
        }
        return result;
    }

    /// <summary>Writes a manifest of the given files (names relative to <paramref name="directory"/>) atomically.</summary>
    public static void WriteManifest(string directory, IEnumerable<string> fileNames)
    {
        var lines = fileNames.Order(StringComparer.Ordinal).Select(name => $"{Sha256(Path.Combine(directory, name))}  {name}");
        string target = Path.Combine(directory, ManifestName);
        AtomicFile.Write(target, temp => File.WriteAllLines(temp, lines));
    }

    /// <summary>Returns null when every file in the manifest matches, else a description of the first mismatch.</summary>
    public static string? VerifyManifest(string directory)
    {
        string manifest = Path.Combine(directory, ManifestName);
        foreach (var (name, expected) in ReadManifest(manifest))
        {
            string path = Path.Combine(directory, name);
            if (!File.Exists(path)) return $"{path} is listed in {ManifestName} but missing";
            string found = Sha256(path);
            if (found != expected) return $"{path}: SHA-256 expected {expected} (from {ManifestName}), found {found}";
        }
        return null;
    }
}
