using System.Buffers.Binary;

namespace LatentWorkbench.Data;

/// <summary>
/// Reads IDX files (the MNIST format), raw or gzip-compressed; compression is detected from the content.
/// </summary>
public static class IdxReader
{
    /// <summary>Magic of an MNIST image file: unsigned bytes, 3 dimensions (count, rows, cols).</summary>
    public const int ImagesMagic = 0x00000803;

    /// <summary>Magic of an MNIST label file: unsigned bytes, 1 dimension (count).</summary>
    public const int LabelsMagic = 0x00000801;

    /// <summary>Reads any IDX file.</summary>
    public static IdxArray Read(string path)
    {
        using var stream = DataStreams.OpenRead(path);
        return Read(stream, path);
    }

    /// <summary>Reads only the header (type and dimensions) without loading the payload.</summary>
    public static (IdxDataType Type, int[] Dimensions) ReadHeader(string path)
    {
        using var stream = DataStreams.OpenRead(path);
        return ReadHeader(stream, path);
    }

    /// <summary>Reads an IDX array from <paramref name="stream"/>; <paramref name="name"/> is used in errors.</summary>
    public static IdxArray Read(Stream stream, string name)
    {
        var (type, dims) = ReadHeader(stream, name);
        long headerLength = 4 + 4L * dims.Length;
        long length = IdxArray.PayloadLength(type, dims);
        if (length > Array.MaxLength)
            throw new DataFormatException(name, $"dimensions [{string.Join(", ", dims)}] describe {length} bytes, more than one array can hold");
        var payload = new byte[length];
        DataStreams.ReadExactly(stream, payload, name, $"the payload of [{string.Join(", ", dims)}] {type}", headerLength);
        DataStreams.ExpectEnd(stream, name, headerLength + length);
        return new IdxArray(type, dims, payload);
    }

    private static (IdxDataType, int[]) ReadHeader(Stream stream, string name)
    {
        Span<byte> magic = stackalloc byte[4];
        DataStreams.ReadExactly(stream, magic, name, "the 4-byte IDX magic");
        int magicValue = BinaryPrimitives.ReadInt32BigEndian(magic);
        var type = (IdxDataType)magic[2];
        int ndim = magic[3];
        if (magic[0] != 0 || magic[1] != 0 || IdxDataTypes.ElementSize(type) == 0)
            throw new DataFormatException(name,
                $"not an IDX file: expected magic 0x0000TTDD with type TT in {{08, 09, 0B, 0C, 0D, 0E}}, found 0x{magicValue:X8}");
        var header = new byte[4 * ndim];
        DataStreams.ReadExactly(stream, header, name, $"the {ndim} dimension sizes", 4);
        var dims = new int[ndim];
        for (int i = 0; i < ndim; i++)
        {
            dims[i] = BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(4 * i));
            if (dims[i] < 0) throw new DataFormatException(name, $"dimension {i} is {dims[i]}; sizes must be non-negative");
        }
        return (type, dims);
    }

    /// <summary>Reads an image file (magic 0x00000803) and returns its pixels with count, rows and cols.</summary>
    public static IdxArray ReadImages(string path)
    {
        var array = Read(path);
        if (array.Magic != ImagesMagic)
            throw new DataFormatException(path, $"expected an IDX image file (magic 0x{ImagesMagic:X8}: ubyte, 3 dimensions), found magic 0x{array.Magic:X8}");
        return array;
    }

    /// <summary>Reads a label file (magic 0x00000801) and returns one byte per item.</summary>
    public static byte[] ReadLabels(string path)
    {
        var array = Read(path);
        if (array.Magic != LabelsMagic)
            throw new DataFormatException(path, $"expected an IDX label file (magic 0x{LabelsMagic:X8}: ubyte, 1 dimension), found magic 0x{array.Magic:X8}");
        return array.Payload;
    }
}
