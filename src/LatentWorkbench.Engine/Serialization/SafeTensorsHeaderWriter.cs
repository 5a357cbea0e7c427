using System.Globalization;
using System.Text;

namespace LatentWorkbench.Engine.Serialization;

/// <summary>
/// Builds the JSON header byte for byte as the reference library (serde_json) does: compact, metadata first,
/// tensors in data order, only '"', '\' and control characters escaped, padded with spaces to a multiple of 8.
/// </summary>
internal static class SafeTensorsHeaderWriter
{
    public static byte[] Build(IReadOnlyList<string> orderedNames, IReadOnlyDictionary<string, Tensor> tensors, IReadOnlyDictionary<string, string>? metadata)
    {
        var json = new StringBuilder();
        json.Append('{');
        bool first = true;
        if (metadata is { Count: > 0 })
        {
            var keys = new List<string>(metadata.Keys);
            keys.Sort(SafeTensors.CompareUtf8);
            json.Append('"').Append(SafeTensorsHeaderParser.MetadataKey).Append("\":{");
            for (int i = 0; i < keys.Count; i++)
            {
                if (i > 0) json.Append(',');
                AppendString(json, keys[i]);
                json.Append(':');
                AppendString(json, metadata[keys[i]] ?? throw new ArgumentException($"metadata value '{keys[i]}' is null", nameof(metadata)));
            }
            json.Append('}');
            first = false;
        }

        long offset = 0;
        foreach (var name in orderedNames)
        {
            var tensor = tensors[name];
            long bytes = 4L * tensor.Numel;
            if (!first) json.Append(',');
            first = false;
            AppendString(json, name);
            json.Append(":{\"dtype\":\"F32\",\"shape\":[");
            for (int d = 0; d < tensor.Rank; d++)
            {
                if (d > 0) json.Append(',');
                json.Append(tensor.Shape[d].ToString(CultureInfo.InvariantCulture));
            }
            json.Append("],\"data_offsets\":[").Append(offset.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append((offset + bytes).ToString(CultureInfo.InvariantCulture)).Append("]}");
            offset += bytes;
        }
        json.Append('}');

        int length = Encoding.UTF8.GetByteCount(json.ToString());
        int padded = (length + 7) / 8 * 8;
        var header = new byte[padded];
        Encoding.UTF8.GetBytes(json.ToString(), header);
        header.AsSpan(length).Fill((byte)' ');
        return header;
    }

    private static void AppendString(StringBuilder json, string value)
    {
        json.Append('"');
        foreach (char c in value)
        {
            switch (c)
            {
                case '"': json.Append("\\\""); break;
                case '\\': json.Append("\\\\"); break;
                case '\b': json.Append("\\b"); break;
                case '\f': json.Append("\\f"); break;
                case '\n': json.Append("\\n"); break;
                case '\r': json.Append("\\r"); break;
                case '\t': json.Append("\\t"); break;
                default:
                    if (c < 0x20) json.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else json.Append(c);
                    break;
            }
        }
        json.Append('"');
    }
}
