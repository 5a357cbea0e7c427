using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace LatentWorkbench.Figures;

/// <summary>
/// Writes 8-bit RGB PNG files. Small on purpose: image grids carry a static PNG next to their plotly JSON so they
/// show where no JavaScript runs (GitHub, nbconvert without scripts), and that needs nothing more.
/// </summary>
internal static class PngEncoder
{
    private static readonly uint[] CrcTable = BuildCrcTable();

    /// <summary>Encodes interleaved RGB bytes (row-major, 3 per pixel), each pixel enlarged to a <paramref name="scale"/>-pixel square.</summary>
    public static byte[] EncodeRgb(ReadOnlySpan<byte> rgb, int height, int width, int scale = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(scale);
        if (rgb.Length != 3 * height * width)
            throw new ArgumentException($"PNG: expected 3*{height}*{width} = {3 * height * width} RGB bytes, got {rgb.Length}.", nameof(rgb));
        int outH = height * scale, outW = width * scale;
        var raw = new byte[outH * (1 + 3 * outW)]; // each scanline starts with filter type 0 (none)
        for (var y = 0; y < outH; y++)
        {
            var row = y * (1 + 3 * outW) + 1;
            var source = rgb.Slice(y / scale * width * 3, width * 3);
            for (var x = 0; x < outW; x++)
                source.Slice(x / scale * 3, 3).CopyTo(raw.AsSpan(row + 3 * x, 3));
        }

        using var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, outW);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), outH);
        header[8] = 8; // bit depth
        header[9] = 2; // colour type: truecolour RGB
        WriteChunk(png, "IHDR", header);
        using (var compressed = new MemoryStream())
        {
            using (var z = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true)) z.Write(raw);
            WriteChunk(png, "IDAT", compressed.ToArray());
        }
        WriteChunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void WriteChunk(Stream stream, string type, ReadOnlySpan<byte> data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        stream.Write(word);
        var typeBytes = Encoding.ASCII.GetBytes(type);
        stream.Write(typeBytes);
        stream.Write(data);
        var crc = Update(0xFFFFFFFFu, typeBytes);
        crc = Update(crc, data) ^ 0xFFFFFFFFu;
        BinaryPrimitives.WriteUInt32BigEndian(word, crc);
        stream.Write(word);
    }

    private static uint Update(uint crc, ReadOnlySpan<byte> data)
    {
        foreach (var b in data) crc = CrcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        return crc;
    }

    private static uint[] BuildCrcTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            table[n] = c;
        }
        return table;
    }
}
