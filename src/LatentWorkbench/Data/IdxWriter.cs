using System.Buffers.Binary;
using System.IO.Compression;
using LatentWorkbench.Engine.Serialization;

namespace LatentWorkbench.Data;

/// <summary>Writes IDX files atomically (temp file, then move), optionally gzip-compressed.</summary>
public static class IdxWriter
{
    /// <summary>Writes <paramref name="array"/> to <paramref name="path"/>.</summary>
    public static void Write(string path, IdxArray array, bool gzip = false)
    {
        AtomicFile.Write(path, temp =>
        {
            using var fs = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
            using Stream target = gzip ? new GZipStream(fs, CompressionLevel.Optimal) : fs;
            WriteTo(target, array);
        });
    }

    /// <summary>Writes the header and payload of <paramref name="array"/> to a stream.</summary>
    public static void WriteTo(Stream stream, IdxArray array)
    {
        var header = new byte[4 + 4 * array.Dimensions.Length];
        BinaryPrimitives.WriteInt32BigEndian(header, array.Magic);
        for (int i = 0; i < array.Dimensions.Length; i++)
            BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4 + 4 * i), array.Dimensions[i]);
        stream.Write(header);
        stream.Write(array.Payload);
    }

    /// <summary>An image array [count, rows, cols] of unsigned bytes.</summary>
    public static IdxArray Images(byte[] pixels, int count, int rows, int cols) =>
        new(IdxDataType.UByte, [count, rows, cols], pixels);

    /// <summary>A label array [count] of unsigned bytes.</summary>
    public static IdxArray Labels(byte[] labels) => new(IdxDataType.UByte, [labels.Length], labels);
}
