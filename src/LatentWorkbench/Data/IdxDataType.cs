namespace LatentWorkbench.Data;

/// <summary>The element type code in the third byte of an IDX magic number.</summary>
public enum IdxDataType : byte
{
    /// <summary>Unsigned byte.</summary>
    UByte = 0x08,
    /// <summary>Signed byte.</summary>
    SByte = 0x09,
    /// <summary>Big-endian 16-bit integer.</summary>
    Int16 = 0x0B,
    /// <summary>Big-endian 32-bit integer.</summary>
    Int32 = 0x0C,
    /// <summary>Big-endian IEEE float32.</summary>
    Float32 = 0x0D,
    /// <summary>Big-endian IEEE float64.</summary>
    Float64 = 0x0E,
}

/// <summary>Sizes and names of <see cref="IdxDataType"/> values.</summary>
public static class IdxDataTypes
{
    /// <summary>Bytes per element, or 0 for an unknown code.</summary>
    public static int ElementSize(IdxDataType type) => type switch
    {
        IdxDataType.UByte or IdxDataType.SByte => 1,
        IdxDataType.Int16 => 2,
        IdxDataType.Int32 or IdxDataType.Float32 => 4,
        IdxDataType.Float64 => 8,
        _ => 0,
    };
}
