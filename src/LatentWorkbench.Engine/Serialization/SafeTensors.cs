using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace LatentWorkbench.Engine.Serialization;

/// <summary>
/// Reads and writes the safetensors format (an 8-byte little-endian header length, a JSON header,
/// then raw little-endian tensor data), compatible with the python <c>safetensors</c> library.
/// Save a model with <c>SafeTensors.Save(path, module.StateDict())</c>.
/// </summary>
public static class SafeTensors
{
    // Chunked reads keep the temporary byte buffer small whatever the tensor size.
    private const int ChunkBytes = 1 << 20;

    /// <summary>
    /// Writes <paramref name="tensors"/> as float32 to <paramref name="path"/>, atomically (a temporary file in the
    /// same folder is moved over the target). Keys are ordered as the python library orders them, so identical
    /// inputs give identical bytes.
    /// </summary>
    public static void Save(string path, IReadOnlyDictionary<string, Tensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(tensors);
        var names = new List<string>(tensors.Count);
        foreach (var (name, tensor) in tensors)
        {
            if (name == SafeTensorsHeaderParser.MetadataKey)
                throw new ArgumentException($"'{SafeTensorsHeaderParser.MetadataKey}' is reserved and cannot name a tensor", nameof(tensors));
            if (tensor is null) throw new ArgumentException($"tensor '{name}' is null", nameof(tensors));
            names.Add(name);
        }
        // The reference library sorts by dtype (all F32 here), then by name bytewise, i.e. UTF-8 ordinal order.
        names.Sort(CompareUtf8);

        var header = SafeTensorsHeaderWriter.Build(names, tensors, metadata);
        AtomicFile.Write(path, temp =>
        {
            using var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
            Span<byte> length = stackalloc byte[8];
            System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)header.Length);
            stream.Write(length);
            stream.Write(header);
            foreach (var name in names) WriteFloats(stream, tensors[name].ToArray());
            stream.Flush(flushToDisk: true);
        });
    }

    /// <summary>Reads and validates only the header: names, dtypes, shapes, offsets and metadata.</summary>
    /// <exception cref="SafeTensorsFormatException">The file is malformed.</exception>
    public static SafeTensorsHeader ReadHeader(string path)
    {
        using var handle = Open(path);
        return SafeTensorsHeaderParser.Read(path, handle);
    }

    /// <summary>Loads every tensor as float32 (converting other dtypes), in file order, with the metadata.</summary>
    /// <exception cref="SafeTensorsFormatException">The file is malformed, truncated or holds a tensor too large for the engine.</exception>
    public static SafeTensorsFile Load(string path)
    {
        using var handle = Open(path);
        var header = SafeTensorsHeaderParser.Read(path, handle);
        var tensors = new OrderedDictionary<string, Tensor>(header.Entries.Count, StringComparer.Ordinal);
        byte[]? chunk = null;
        foreach (var entry in header.Entries)
        {
            var dims = new int[entry.Shape.Count];
            for (int d = 0; d < dims.Length; d++)
            {
                if (entry.Shape[d] > int.MaxValue)
                    throw new SafeTensorsFormatException(path, $"tensor '{entry.Name}': dimension {d} of size {entry.Shape[d]} is larger than the engine supports");
                dims[d] = (int)entry.Shape[d];
            }
            // The header check already tied the element count to bytes inside this file, so this allocation is bounded by the file size.
            if (entry.ElementCount > Array.MaxLength)
                throw new SafeTensorsFormatException(path, $"tensor '{entry.Name}' has {entry.ElementCount} elements, more than the engine supports");
            var values = new float[entry.ElementCount];
            chunk ??= new byte[ChunkBytes];
            ReadElements(path, handle, header.DataStart + entry.Begin, entry.DType, values, chunk);
            tensors.Add(entry.Name, new Tensor(values, dims));
        }
        return new SafeTensorsFile(tensors, header.Metadata, header.Entries);
    }

    private static void ReadElements(string path, SafeFileHandle handle, long offset, SafeTensorsDType dtype, float[] values, byte[] chunk)
    {
        int size = dtype.Size();
        if (dtype == SafeTensorsDType.F32 && BitConverter.IsLittleEndian)
        {
            SafeTensorsHeaderParser.ReadExactly(path, handle, MemoryMarshal.AsBytes(values.AsSpan()), offset);
            return;
        }
        int perChunk = chunk.Length / size;
        for (int start = 0; start < values.Length; start += perChunk)
        {
            int count = Math.Min(perChunk, values.Length - start);
            var bytes = chunk.AsSpan(0, count * size);
            SafeTensorsHeaderParser.ReadExactly(path, handle, bytes, offset + (long)start * size);
            ElementDecoder.Decode(dtype, bytes, values.AsSpan(start, count));
        }
    }

    private static SafeFileHandle Open(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        try { return File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read); }
        catch (FileNotFoundException e) { throw new FileNotFoundException($"safetensors file '{path}' does not exist", path, e); }
    }

    private static void WriteFloats(Stream stream, float[] values)
    {
        if (BitConverter.IsLittleEndian) { stream.Write(MemoryMarshal.AsBytes(values.AsSpan())); return; }
        Span<byte> bytes = stackalloc byte[4];
        foreach (float v in values)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteSingleLittleEndian(bytes, v);
            stream.Write(bytes);
        }
    }

    internal static int CompareUtf8(string a, string b) =>
        Encoding.UTF8.GetBytes(a).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(b));
}
