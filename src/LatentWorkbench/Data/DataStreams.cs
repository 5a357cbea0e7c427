using System.IO.Compression;

namespace LatentWorkbench.Data;

/// <summary>Opening data files that may or may not be gzip-compressed.</summary>
public static class DataStreams
{
    /// <summary>True when the first two bytes are the gzip magic 1F 8B; the extension is ignored.</summary>
    public static bool IsGzip(string path)
    {
        using var fs = File.OpenRead(path);
        Span<byte> head = stackalloc byte[2];
        return fs.ReadAtLeast(head, 2, throwOnEndOfStream: false) == 2 && head[0] == 0x1F && head[1] == 0x8B;
    }

    /// <summary>Opens <paramref name="path"/> for reading, decompressing when the content is gzip.</summary>
    public static Stream OpenRead(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"data file not found: {path}", path);
        bool gz = IsGzip(path);
        var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        return gz ? new GZipStream(fs, CompressionMode.Decompress) : fs;
    }

    /// <summary>
    /// Reads exactly <paramref name="buffer"/>.Length bytes; on early end of stream throws a
    /// <see cref="DataFormatException"/> saying how many bytes <paramref name="what"/> needed and how many there were.
    /// </summary>
    public static void ReadExactly(Stream stream, Span<byte> buffer, string file, string what, long alreadyRead = 0)
    {
        int read;
        try
        {
            read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        }
        catch (InvalidDataException ex)
        {
            // A damaged gzip member surfaces here; report it as a format error on this file.
            throw new DataFormatException(file, $"corrupt gzip data while reading {what}: {ex.Message}", ex);
        }
        if (read < buffer.Length)
            throw new DataFormatException(file,
                $"truncated: {what} needs {alreadyRead + buffer.Length} bytes, the file ends after {alreadyRead + read}");
    }

    /// <summary>Throws when the stream holds bytes after the expected end.</summary>
    public static void ExpectEnd(Stream stream, string file, long expectedLength)
    {
        Span<byte> probe = stackalloc byte[1];
        int extra;
        try { extra = stream.Read(probe); }
        catch (InvalidDataException ex) { throw new DataFormatException(file, $"corrupt gzip data after the payload: {ex.Message}", ex); }
        if (extra != 0)
            throw new DataFormatException(file, $"expected exactly {expectedLength} bytes (header + payload), found trailing data");
    }
}
