using System.Text;
using System.Text.Json;

namespace LatentWorkbench.Engine.Serialization;

/// <summary>
/// Reads and validates a safetensors header with the same rules as the reference (Rust/python) library:
/// the header fits in the file and is at most 100 MB, is UTF-8 JSON starting with '{', every tensor has a
/// known dtype, a non-negative shape and data offsets whose length matches shape × dtype size, and the
/// tensors tile the data region contiguously up to the end of the file.
/// </summary>
internal static class SafeTensorsHeaderParser
{
    /// <summary>The reference library's limit; larger headers are rejected before anything is allocated.</summary>
    public const long MaxHeaderBytes = 100_000_000;

    public const string MetadataKey = "__metadata__";

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static SafeTensorsHeader Read(string path, Microsoft.Win32.SafeHandles.SafeFileHandle handle)
    {
        long fileLength = RandomAccess.GetLength(handle);
        if (fileLength < 8)
            throw new SafeTensorsFormatException(path, $"the file is {fileLength} bytes long, too short for the 8-byte header length");

        Span<byte> prefix = stackalloc byte[8];
        ReadExactly(path, handle, prefix, 0);
        ulong headerLength = System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(prefix);
        if (headerLength > MaxHeaderBytes)
            throw new SafeTensorsFormatException(path, $"header length {headerLength} bytes exceeds the {MaxHeaderBytes}-byte limit");
        if ((long)headerLength > fileLength - 8)
            throw new SafeTensorsFormatException(path, $"header length {headerLength} bytes runs past the end of the file ({fileLength} bytes)");

        var headerBytes = new byte[headerLength];
        ReadExactly(path, handle, headerBytes, 8);
        long dataStart = 8 + (long)headerLength;
        return Parse(path, headerBytes, dataStart, fileLength - dataStart);
    }

    /// <summary>Parses header bytes and checks that the tensors exactly cover <paramref name="dataLength"/> bytes.</summary>
    public static SafeTensorsHeader Parse(string path, byte[] headerBytes, long dataStart, long dataLength)
    {
        string text;
        try { text = StrictUtf8.GetString(headerBytes); }
        catch (DecoderFallbackException e) { throw new SafeTensorsFormatException(path, "the header is not valid UTF-8", e); }
        if (!text.StartsWith('{'))
            throw new SafeTensorsFormatException(path, "the header does not start with '{' (it must be a JSON object)");

        JsonDocument document;
        try { document = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 16 }); }
        catch (JsonException e) { throw new SafeTensorsFormatException(path, $"the header is not valid JSON: {e.Message}", e); }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw new SafeTensorsFormatException(path, $"the header must be a JSON object, found {root.ValueKind}");

            var seen = new HashSet<string>(StringComparer.Ordinal);
            var entries = new List<SafeTensorsEntry>();
            var metadata = new OrderedDictionary<string, string>(StringComparer.Ordinal);
            foreach (var property in root.EnumerateObject())
            {
                if (!seen.Add(property.Name))
                    throw new SafeTensorsFormatException(path, $"the header names '{property.Name}' more than once");
                if (property.Name == MetadataKey) ReadMetadata(path, property.Value, metadata);
                else entries.Add(ReadEntry(path, property.Name, property.Value));
            }

            // The format fixes no key order; the data order is what must be contiguous.
            entries.Sort((a, b) => a.Begin != b.Begin ? a.Begin.CompareTo(b.Begin) : a.End.CompareTo(b.End));
            long expectedBegin = 0;
            foreach (var entry in entries)
            {
                if (entry.Begin != expectedBegin)
                {
                    string why = entry.Begin < expectedBegin ? "overlaps the previous tensor" : "leaves a gap after the previous tensor";
                    throw new SafeTensorsFormatException(path,
                        $"tensor '{entry.Name}' data_offsets [{entry.Begin}, {entry.End}] {why} (expected it to start at {expectedBegin})");
                }
                expectedBegin = entry.End;
            }
            if (expectedBegin != dataLength)
                throw new SafeTensorsFormatException(path,
                    $"the tensors cover {expectedBegin} data bytes but the file holds {dataLength} bytes after the header");
            return new SafeTensorsHeader(entries, metadata, dataStart);
        }
    }

    private static void ReadMetadata(string path, JsonElement value, OrderedDictionary<string, string> metadata)
    {
        if (value.ValueKind != JsonValueKind.Object)
            throw new SafeTensorsFormatException(path, $"'{MetadataKey}' must be an object of strings, found {value.ValueKind}");
        foreach (var item in value.EnumerateObject())
        {
            if (item.Value.ValueKind != JsonValueKind.String)
                throw new SafeTensorsFormatException(path, $"metadata value '{item.Name}' must be a string, found {item.Value.ValueKind}");
            if (!metadata.TryAdd(item.Name, item.Value.GetString()!))
                throw new SafeTensorsFormatException(path, $"metadata names '{item.Name}' more than once");
        }
    }

    private static SafeTensorsEntry ReadEntry(string path, string name, JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Object)
            throw new SafeTensorsFormatException(path, $"tensor '{name}': expected an object with dtype, shape and data_offsets, found {value.ValueKind}");

        if (!value.TryGetProperty("dtype", out var dtypeElement) || dtypeElement.ValueKind != JsonValueKind.String)
            throw new SafeTensorsFormatException(path, $"tensor '{name}': missing or non-string 'dtype'");
        string dtypeText = dtypeElement.GetString()!;
        if (!SafeTensorsDTypes.TryParse(dtypeText, out var dtype))
            throw new SafeTensorsFormatException(path, $"tensor '{name}': unknown dtype '{dtypeText}'");

        if (!value.TryGetProperty("shape", out var shapeElement) || shapeElement.ValueKind != JsonValueKind.Array)
            throw new SafeTensorsFormatException(path, $"tensor '{name}': missing or non-array 'shape'");
        var shape = new long[shapeElement.GetArrayLength()];
        ulong elements = 1;
        bool overflow = false;
        int i = 0;
        foreach (var dimElement in shapeElement.EnumerateArray())
        {
            long dim = NonNegativeInteger(path, name, "shape", dimElement);
            shape[i++] = dim;
            // Like the reference library, an intermediate overflow is an error even if a later dimension is 0.
            if (!overflow && (dim != 0 && elements > ulong.MaxValue / (ulong)dim)) overflow = true;
            else if (!overflow) elements *= (ulong)dim;
        }
        if (overflow)
            throw new SafeTensorsFormatException(path, $"tensor '{name}': shape [{string.Join(", ", shape)}] has too many elements");

        if (!value.TryGetProperty("data_offsets", out var offsetsElement) || offsetsElement.ValueKind != JsonValueKind.Array
            || offsetsElement.GetArrayLength() != 2)
            throw new SafeTensorsFormatException(path, $"tensor '{name}': missing 'data_offsets' or it is not a [begin, end] pair");
        long begin = NonNegativeInteger(path, name, "data_offsets", offsetsElement[0]);
        long end = NonNegativeInteger(path, name, "data_offsets", offsetsElement[1]);
        if (end < begin)
            throw new SafeTensorsFormatException(path, $"tensor '{name}': data_offsets [{begin}, {end}] end before they begin");

        ulong expectedBytes;
        try { expectedBytes = checked(elements * (ulong)dtype.Size()); }
        catch (OverflowException) { throw new SafeTensorsFormatException(path, $"tensor '{name}': shape [{string.Join(", ", shape)}] has too many bytes"); }
        if ((ulong)(end - begin) != expectedBytes)
            throw new SafeTensorsFormatException(path,
                $"tensor '{name}': shape [{string.Join(", ", shape)}] of {dtype} needs {expectedBytes} bytes but data_offsets [{begin}, {end}] span {end - begin}");

        return new SafeTensorsEntry(name, dtype, shape, begin, end);
    }

    private static long NonNegativeInteger(string path, string name, string field, JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Number || !element.TryGetInt64(out long v) || v < 0)
            throw new SafeTensorsFormatException(path, $"tensor '{name}': '{field}' must hold non-negative integers, found {element.GetRawText()}");
        return v;
    }

    /// <summary>Fills <paramref name="buffer"/> from <paramref name="offset"/>, failing clearly if the file ends first.</summary>
    public static void ReadExactly(string path, Microsoft.Win32.SafeHandles.SafeFileHandle handle, Span<byte> buffer, long offset)
    {
        while (buffer.Length > 0)
        {
            int read = RandomAccess.Read(handle, buffer, offset);
            if (read <= 0)
                throw new SafeTensorsFormatException(path, $"unexpected end of file at byte {offset} (was it truncated while reading?)");
            buffer = buffer[read..];
            offset += read;
        }
    }
}
