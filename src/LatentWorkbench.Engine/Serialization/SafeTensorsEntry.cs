namespace LatentWorkbench.Engine.Serialization;

/// <summary>One tensor as the file header describes it, before any data is read.</summary>
/// <param name="Name">The tensor's key.</param>
/// <param name="DType">The stored element type.</param>
/// <param name="Shape">The dimensions (empty for a scalar).</param>
/// <param name="Begin">First byte of the data, relative to the start of the data region.</param>
/// <param name="End">One past the last byte, relative to the start of the data region.</param>
public sealed record SafeTensorsEntry(string Name, SafeTensorsDType DType, IReadOnlyList<long> Shape, long Begin, long End)
{
    /// <summary>The number of elements (1 for a scalar).</summary>
    public long ElementCount
    {
        get
        {
            long n = 1;
            foreach (long d in Shape) n *= d;
            return n;
        }
    }

    /// <summary>The number of data bytes.</summary>
    public long ByteLength => End - Begin;
}
