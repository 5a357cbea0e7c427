using System.Text;
using System.Xml.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace LatentWorkbench.Notebooks.Scripting;

/// <summary>What inspection found at a cursor: the symbol's signature and its XML doc summary (plain text).</summary>
/// <param name="Signature">The symbol as C# shows it, with parameters and return type.</param>
/// <param name="Summary">The documentation's summary, or null when it has none.</param>
/// <param name="Kind">The symbol kind (Method, Property, NamedType, Local, ...).</param>
public sealed record Inspection(string Signature, string? Summary, string Kind)
{
    /// <summary>Signature and summary as plain text, the way a tooltip shows them.</summary>
    public string ToText() => Summary is null ? Signature : Signature + "\n\n" + Summary;
}

/// <summary>Finds the symbol at a cursor in the semantic model of the next submission (so earlier cells' symbols are known).</summary>
internal static class CodeInspection
{
    private static readonly SymbolDisplayFormat Format = SymbolDisplayFormat.MinimallyQualifiedFormat
        .WithMemberOptions(SymbolDisplayMemberOptions.IncludeParameters | SymbolDisplayMemberOptions.IncludeType |
                           SymbolDisplayMemberOptions.IncludeContainingType | SymbolDisplayMemberOptions.IncludeRef)
        .WithParameterOptions(SymbolDisplayParameterOptions.IncludeType | SymbolDisplayParameterOptions.IncludeName |
                              SymbolDisplayParameterOptions.IncludeDefaultValue | SymbolDisplayParameterOptions.IncludeParamsRefOut);

    public static Inspection? Inspect(Compilation compilation, SyntaxTree tree, int cursor)
    {
        var root = tree.GetRoot();
        cursor = Math.Clamp(cursor, 0, root.FullSpan.End);
        var model = compilation.GetSemanticModel(tree);
        // The cursor usually sits just after the name (Jupyter sends the end of the word) or inside it.
        foreach (var position in new[] { cursor - 1, cursor })
        {
            if (position < 0 || position >= root.FullSpan.End) continue;
            var token = root.FindToken(position);
            if (!token.IsKind(SyntaxKind.IdentifierToken)) continue;
            for (var node = token.Parent; node is not null; node = node.Parent)
            {
                var info = model.GetSymbolInfo(node);
                var symbol = info.Symbol ?? info.CandidateSymbols.FirstOrDefault() ?? model.GetDeclaredSymbol(node);
                if (symbol is not null) return Describe(symbol);
                if (node.Span.Start != token.SpanStart && node.Span.End != token.Span.End) break;
            }
        }
        return null;
    }

    private static Inspection Describe(ISymbol symbol)
    {
        var documented = symbol is IMethodSymbol { ReducedFrom: { } extension } ? extension : symbol.OriginalDefinition;
        return new Inspection(symbol.ToDisplayString(Format), Summary(documented.GetDocumentationCommentXml()), symbol.Kind.ToString());
    }

    /// <summary>The summary element as text: cref/paramref/c elements become their names, whitespace collapsed.</summary>
    internal static string? Summary(string? xml)
    {
        if (string.IsNullOrWhiteSpace(xml)) return null;
        XElement doc;
        try
        {
            doc = XElement.Parse(xml.TrimStart().StartsWith('<') ? $"<root>{xml}</root>" : xml);
        }
        catch (System.Xml.XmlException)
        {
            return null;
        }
        var summary = doc.Descendants("summary").FirstOrDefault();
        if (summary is null) return null;
        var text = new StringBuilder();
        Append(summary, text);
        var collapsed = string.Join(' ', text.ToString().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return collapsed.Length == 0 ? null : collapsed;
    }

    private static void Append(XElement element, StringBuilder text)
    {
        foreach (var node in element.Nodes())
        {
            switch (node)
            {
                case XText t:
                    text.Append(t.Value);
                    break;
                case XElement e when e.Name == "see" || e.Name == "seealso":
                    var cref = (string?)e.Attribute("cref") ?? (string?)e.Attribute("langword") ?? (string?)e.Attribute("href") ?? "";
                    // T:System.Math -> Math; M:System.Math.Abs(System.Int32) -> Abs
                    var name = cref.Split('(')[0];
                    text.Append(e.Value.Length > 0 ? e.Value : name[(name.LastIndexOf('.') + 1)..].Split(':')[^1]);
                    break;
                case XElement e when e.Name == "paramref" || e.Name == "typeparamref":
                    text.Append((string?)e.Attribute("name"));
                    break;
                case XElement e:
                    Append(e, text);
                    break;
            }
        }
    }
}
