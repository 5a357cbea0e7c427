namespace LatentWorkbench.Engine.Serialization;

/// <summary>The element types a safetensors header may name; all are converted to float32 on load.</summary>
public enum SafeTensorsDType
{
    /// <summary>Boolean, one byte per element (0 or 1).</summary>
    BOOL,
    /// <summary>Unsigned 8-bit integer.</summary>
    U8,
    /// <summary>Signed 8-bit integer.</summary>
    I8,
    /// <summary>8-bit float, 5 exponent and 2 mantissa bits.</summary>
    F8_E5M2,
    /// <summary>8-bit float, 4 exponent and 3 mantissa bits, no infinities.</summary>
    F8_E4M3,
    /// <summary>Signed 16-bit integer.</summary>
    I16,
    /// <summary>Unsigned 16-bit integer.</summary>
    U16,
    /// <summary>IEEE half precision.</summary>
    F16,
    /// <summary>bfloat16: the upper half of a float32.</summary>
    BF16,
    /// <summary>Signed 32-bit integer.</summary>
    I32,
    /// <summary>Unsigned 32-bit integer.</summary>
    U32,
    /// <summary>IEEE single precision.</summary>
    F32,
    /// <summary>IEEE double precision.</summary>
    F64,
    /// <summary>Signed 64-bit integer.</summary>
    I64,
    /// <summary>Unsigned 64-bit integer.</summary>
    U64,
}

/// <summary>Sizes and names of <see cref="SafeTensorsDType"/> values.</summary>
public static class SafeTensorsDTypes
{
    /// <summary>Bytes per element.</summary>
    public static int Size(this SafeTensorsDType dtype) => dtype switch
    {
        SafeTensorsDType.BOOL or SafeTensorsDType.U8 or SafeTensorsDType.I8
            or SafeTensorsDType.F8_E5M2 or SafeTensorsDType.F8_E4M3 => 1,
        SafeTensorsDType.I16 or SafeTensorsDType.U16 or SafeTensorsDType.F16 or SafeTensorsDType.BF16 => 2,
        SafeTensorsDType.I32 or SafeTensorsDType.U32 or SafeTensorsDType.F32 => 4,
        SafeTensorsDType.F64 or SafeTensorsDType.I64 or SafeTensorsDType.U64 => 8,
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "unknown safetensors dtype"),
    };

    /// <summary>Parses a header dtype string such as "F32" (case-sensitive, as the format specifies).</summary>
    public static bool TryParse(string text, out SafeTensorsDType dtype)
    {
        // Enum.TryParse would also accept numbers and other spellings; the format only allows these names.
        foreach (var candidate in Enum.GetValues<SafeTensorsDType>())
        {
            if (candidate.ToString() == text) { dtype = candidate; return true; }
        }
        dtype = default;
        return false;
    }
}
