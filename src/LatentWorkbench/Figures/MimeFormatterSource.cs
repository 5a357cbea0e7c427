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

/// <summary>
/// Writes one MIME type's entry of an object's MIME bundle; the shape .NET Interactive expects by convention.
/// .NET Interactive has no session hook like the workbench kernel's, so the first figure's text/html in the process
/// (one process per .NET Interactive kernel) is preceded by the inlined plotly.js that every figure fragment waits for.
/// </summary>
public sealed class MimeBundleFormatter(Type type, string mimeType)
{
    private static int _libraryWritten;

    /// <summary>Makes the next figure bring plotly.js again (tests).</summary>
    internal static void ResetLibrary() => Volatile.Write(ref _libraryWritten, 0);

    /// <summary>The formatted type.</summary>
    public Type Type { get; } = type;

    /// <summary>The MIME type this formatter produces.</summary>
    public string MimeType { get; } = mimeType;

    /// <summary>Writes the representation; false when the object is not renderable or lacks this MIME type.</summary>
    public bool Format(object instance, TextWriter writer)
    {
        if (instance is not IMimeRenderable renderable || !renderable.ToMimeBundle().TryGetValue(MimeType, out var payload))
            return false;
        if (MimeType == "text/html" && renderable.ToMimeBundle().ContainsKey(Figure.PlotlyMimeType) && Interlocked.Exchange(ref _libraryWritten, 1) == 0)
            writer.Write(PlotlyJs.LibraryHtml(out _));
        writer.Write(payload is JsonNode node ? node.ToJsonString() : payload.ToString());
        return true;
    }
}
