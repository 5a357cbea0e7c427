using System.Globalization;
using System.Xml;
using Microsoft.CodeAnalysis;

namespace LatentWorkbench.Notebooks.Scripting;

/// <summary>
/// An assembly's XML documentation file as Roslyn's <see cref="DocumentationProvider"/> (Roslyn's own file provider is
/// in the Workspaces package, which the workbench does not ship). Read on first use, then kept: member id to XML.
/// </summary>
internal sealed class XmlDocumentationFile(string path) : DocumentationProvider
{
    private readonly Lazy<Dictionary<string, string>> _members = new(() => Read(path));

    protected override string GetDocumentationForSymbol(string documentationMemberID, CultureInfo preferredCulture, CancellationToken cancellationToken = default) =>
        _members.Value.TryGetValue(documentationMemberID, out var xml) ? xml : "";

    private static Dictionary<string, string> Read(string path)
    {
        var members = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            using var reader = XmlReader.Create(path, new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, IgnoreWhitespace = false });
            reader.MoveToContent();
            while (!reader.EOF)
            {
                // ReadOuterXml already moves to the next node, so only other nodes need an explicit Read.
                if (reader.NodeType == XmlNodeType.Element && reader.Name == "member")
                {
                    var name = reader.GetAttribute("name");
                    var xml = reader.ReadOuterXml();
                    if (name is not null) members[name] = xml;
                }
                else reader.Read();
            }
        }
        catch (Exception e) when (e is XmlException or IOException or UnauthorizedAccessException)
        {
            // Unreadable documentation only means no summaries in tooltips.
        }
        return members;
    }

    public override bool Equals(object? obj) => obj is XmlDocumentationFile other && other.Path == Path;

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Path);

    private string Path { get; } = path;
}
