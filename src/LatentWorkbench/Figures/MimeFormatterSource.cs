using System.Text.Json.Nodes;
using LatentWorkbench.Display;

namespace LatentWorkbench.Figures;

/// <summary>
/// Convention-based .NET Interactive formatter source for any <see cref="IMimeRenderable"/>: one formatter per
/// MIME type, each writing the matching entry of <see cref="IMimeRenderable.ToMimeBundle"/>.
/// </summary>
public sealed class MimeFormatterSource<T> where T : IMimeRenderable
{
    /// <summary>The MIME types offered to .NET Interactive.</summary>
    public static readonly IReadOnlyList<string> MimeTypes = ["text/html", "text/plain"];

    /// <summary>Called by .NET Interactive (by name) to obtain the formatters.</summary>
    public IEnumerable<object> CreateTypeFormatters() => MimeTypes.Select(m => new MimeBundleFormatter(typeof(T), m));
}

/// <summary>Writes one MIME type's entry of an object's MIME bundle; the shape .NET Interactive expects by convention.</summary>
public sealed class MimeBundleFormatter(Type type, string mimeType)
{
    /// <summary>The formatted type.</summary>
    public Type Type { get; } = type;

    /// <summary>The MIME type this formatter produces.</summary>
    public string MimeType { get; } = mimeType;

    /// <summary>Writes the representation; false when the object is not renderable or lacks this MIME type.</summary>
    public bool Format(object instance, TextWriter writer)
    {
        if (instance is not IMimeRenderable renderable || !renderable.ToMimeBundle().TryGetValue(MimeType, out var payload))
            return false;
        writer.Write(payload is JsonNode node ? node.ToJsonString() : payload.ToString());
        return true;
    }
}
