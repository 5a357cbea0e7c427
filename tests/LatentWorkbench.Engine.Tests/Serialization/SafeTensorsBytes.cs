using System.Buffers.Binary;
using System.Text;

namespace LatentWorkbench.Engine.Tests.Serialization;

/// <summary>Crafts raw safetensors bytes for tests, including deliberately broken ones.</summary>
public static class SafeTensorsBytes
{
    /// <summary>Length prefix + header + data; the prefix is the real header length unless overridden.</summary>
    public static byte[] Make(string headerJson, byte[] data, ulong? headerLengthOverride = null) =>
        Make(Encoding.UTF8.GetBytes(headerJson), data, headerLengthOverride);

    public static byte[] Make(byte[] header, byte[] data, ulong? headerLengthOverride = null)
    {
        var bytes = new byte[8 + header.Length + data.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, headerLengthOverride ?? (ulong)header.Length);
        header.CopyTo(bytes, 8);
        data.CopyTo(bytes, 8 + header.Length);
        return bytes;
    }

    public static byte[] Floats(params float[] values)
    {
        var bytes = new byte[4 * values.Length];
        for (int i = 0; i < values.Length; i++) BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(4 * i), values[i]);
        return bytes;
    }
}
