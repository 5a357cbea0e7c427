using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace LatentWorkbench.Engine.Serialization;

/// <summary>Converts little-endian stored elements of any <see cref="SafeTensorsDType"/> to float32.</summary>
internal static class ElementDecoder
{
    /// <summary>Decodes <paramref name="source"/> (a whole number of elements) into <paramref name="destination"/>.</summary>
    public static void Decode(SafeTensorsDType dtype, ReadOnlySpan<byte> source, Span<float> destination)
    {
        int n = destination.Length;
        switch (dtype)
        {
            case SafeTensorsDType.F32:
                if (BitConverter.IsLittleEndian) MemoryMarshal.Cast<byte, float>(source).CopyTo(destination);
                else for (int i = 0; i < n; i++) destination[i] = BinaryPrimitives.ReadSingleLittleEndian(source[(4 * i)..]);
                break;
            case SafeTensorsDType.F64:
                for (int i = 0; i < n; i++) destination[i] = (float)BinaryPrimitives.ReadDoubleLittleEndian(source[(8 * i)..]);
                break;
            case SafeTensorsDType.F16:
                for (int i = 0; i < n; i++) destination[i] = (float)BinaryPrimitives.ReadHalfLittleEndian(source[(2 * i)..]);
                break;
            case SafeTensorsDType.BF16:
                // bfloat16 is the top half of a float32, so widening is exact.
                for (int i = 0; i < n; i++) destination[i] = BitConverter.Int32BitsToSingle(BinaryPrimitives.ReadUInt16LittleEndian(source[(2 * i)..]) << 16);
                break;
            case SafeTensorsDType.F8_E5M2:
                // E5M2 is the top byte of an IEEE half.
                for (int i = 0; i < n; i++) destination[i] = (float)BitConverter.UInt16BitsToHalf((ushort)(source[i] << 8));
                break;
            case SafeTensorsDType.F8_E4M3:
                for (int i = 0; i < n; i++) destination[i] = DecodeE4M3(source[i]);
                break;
            case SafeTensorsDType.BOOL:
                for (int i = 0; i < n; i++) destination[i] = source[i] != 0 ? 1f : 0f;
                break;
            case SafeTensorsDType.U8:
                for (int i = 0; i < n; i++) destination[i] = source[i];
                break;
            case SafeTensorsDType.I8:
                for (int i = 0; i < n; i++) destination[i] = (sbyte)source[i];
                break;
            case SafeTensorsDType.I16:
                for (int i = 0; i < n; i++) destination[i] = BinaryPrimitives.ReadInt16LittleEndian(source[(2 * i)..]);
                break;
            case SafeTensorsDType.U16:
                for (int i = 0; i < n; i++) destination[i] = BinaryPrimitives.ReadUInt16LittleEndian(source[(2 * i)..]);
                break;
            case SafeTensorsDType.I32:
                for (int i = 0; i < n; i++) destination[i] = BinaryPrimitives.ReadInt32LittleEndian(source[(4 * i)..]);
                break;
            case SafeTensorsDType.U32:
                for (int i = 0; i < n; i++) destination[i] = BinaryPrimitives.ReadUInt32LittleEndian(source[(4 * i)..]);
                break;
            case SafeTensorsDType.I64:
                for (int i = 0; i < n; i++) destination[i] = BinaryPrimitives.ReadInt64LittleEndian(source[(8 * i)..]);
                break;
            case SafeTensorsDType.U64:
                for (int i = 0; i < n; i++) destination[i] = BinaryPrimitives.ReadUInt64LittleEndian(source[(8 * i)..]);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "unknown safetensors dtype");
        }
    }

    /// <summary>float8 E4M3FN: bias 7, no infinities, S.1111.111 is NaN.</summary>
    internal static float DecodeE4M3(byte b)
    {
        int sign = b >> 7, exponent = (b >> 3) & 0xF, mantissa = b & 0x7;
        float magnitude;
        if (exponent == 0xF && mantissa == 0x7) magnitude = float.NaN;
        else if (exponent == 0) magnitude = mantissa / 8f * MathF.Pow(2, -6);
        else magnitude = (1 + mantissa / 8f) * MathF.Pow(2, exponent - 7);
        return sign == 1 ? -magnitude : magnitude;
    }
}
