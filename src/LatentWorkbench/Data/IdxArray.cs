using System.Buffers.Binary;

namespace LatentWorkbench.Data;

/// <summary>
/// The contents of one IDX file: element type, dimensions and the payload bytes exactly as stored
/// (big-endian for multi-byte types).
/// </summary>
public sealed class IdxArray
{
    /// <summary>Wraps a payload; its length must equal the product of the dimensions times the element size.</summary>
    public IdxArray(IdxDataType type, int[] dimensions, byte[] payload)
    {
        long expected = IdxArray.PayloadLength(type, dimensions);
        if (payload.Length != expected)
            throw new ArgumentException($"payload has {payload.Length} bytes, dimensions [{string.Join(", ", dimensions)}] of {type} need {expected}", nameof(payload));
        Type = type;
        Dimensions = dimensions;
        Payload = payload;
    }

    /// <summary>Element type.</summary>
    public IdxDataType Type { get; }

    /// <summary>Size of each dimension; the first is the item count.</summary>
    public int[] Dimensions { get; }

    /// <summary>Raw payload as stored in the file.</summary>
    public byte[] Payload { get; }

    /// <summary>The magic number, 0x0000TTDD (type, number of dimensions).</summary>
    public int Magic => ((int)Type << 8) | Dimensions.Length;

    /// <summary>Number of items (size of the first dimension, 1 for a 0-dimensional file).</summary>
    public int Count => Dimensions.Length == 0 ? 1 : Dimensions[0];

    /// <summary>Payload length implied by a type and dimensions.</summary>
    public static long PayloadLength(IdxDataType type, IReadOnlyList<int> dimensions)
    {
        long n = IdxDataTypes.ElementSize(type);
        foreach (int d in dimensions) n *= d;
        return n;
    }

    /// <summary>All elements converted to float32 in row-major order.</summary>
    public float[] ToFloatArray()
    {
        int size = IdxDataTypes.ElementSize(Type);
        var result = new float[Payload.Length / size];
        ReadOnlySpan<byte> p = Payload;
        switch (Type)
        {
            case IdxDataType.UByte:
                for (int i = 0; i < result.Length; i++) result[i] = p[i];
                break;
            case IdxDataType.SByte:
                for (int i = 0; i < result.Length; i++) result[i] = (sbyte)p[i];
                break;
            case IdxDataType.Int16:
                for (int i = 0; i < result.Length; i++) result[i] = BinaryPrimitives.ReadInt16BigEndian(p[(2 * i)..]);
                break;
            case IdxDataType.Int32:
                for (int i = 0; i < result.Length; i++) result[i] = BinaryPrimitives.ReadInt32BigEndian(p[(4 * i)..]);
                break;
            case IdxDataType.Float32:
                for (int i = 0; i < result.Length; i++) result[i] = BinaryPrimitives.ReadSingleBigEndian(p[(4 * i)..]);
                break;
            case IdxDataType.Float64:
                for (int i = 0; i < result.Length; i++) result[i] = (float)BinaryPrimitives.ReadDoubleBigEndian(p[(8 * i)..]);
                break;
        }
        return result;
    }
}
