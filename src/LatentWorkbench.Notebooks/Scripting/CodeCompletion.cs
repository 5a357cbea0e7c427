using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LatentWorkbench.Notebooks.Scripting;

/// <summary>
/// Completion from the semantic model: members after a dot, otherwise every symbol in scope, filtered by the
/// identifier being typed. Simpler than Roslyn's Features completion service (not available here) but it sees
/// everything earlier cells declared, because the code is compiled as the next submission.
/// </summary>
internal static class CodeCompletion
{
    public static IReadOnlyList<CompletionItem> Complete(Compilation compilation, SyntaxTree tree, int cursor)
    {
        var root = tree.GetRoot();
        cursor = Math.Clamp(cursor, 0, root.FullSpan.End);
        var model = compilation.GetSemanticModel(tree);

        var token = cursor > 0 ? root.FindToken(cursor - 1) : default;
        string prefix = "";
        int start = cursor;
        if (token.IsKind(SyntaxKind.IdentifierToken) && token.Span.End == cursor)
        {
            prefix = token.ValueText;
            start = token.SpanStart;
            token = token.GetPreviousToken();
        }

        IEnumerable<ISymbol> symbols;
        if (token.IsKind(SyntaxKind.DotToken) && token.Span.End <= start && token.Parent is MemberAccessExpressionSyntax access)
            symbols = MembersOf(model, access.Expression, start);
        else if (token.IsKind(SyntaxKind.DotToken) && token.Parent is QualifiedNameSyntax qualified)
            symbols = model.GetSymbolInfo(qualified.Left).Symbol is INamespaceOrTypeSymbol container
                ? model.LookupNamespacesAndTypes(start, container) : [];
        else
            symbols = model.LookupSymbols(start);

        return symbols
            .Where(s => s.CanBeReferencedByName && s.Name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            .GroupBy(s => s.Name, StringComparer.Ordinal)
            .Select(g => g.First())
            .OrderBy(s => !s.Name.StartsWith(prefix, StringComparison.Ordinal))
            .ThenBy(s => s.Name, StringComparer.OrdinalIgnoreCase)
            .Select(s => new CompletionItem(s.Name, s.Name, s.Kind.ToString(), s.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat), start, cursor))
            .ToArray();
    }

    private static IEnumerable<ISymbol> MembersOf(SemanticModel model, ExpressionSyntax expression, int position)
    {
        var symbol = model.GetSymbolInfo(expression).Symbol;
        if (symbol is INamespaceSymbol ns) return model.LookupNamespacesAndTypes(position, ns);
        if (symbol is ITypeSymbol staticType) return model.LookupStaticMembers(position, staticType);
        var type = model.GetTypeInfo(expression).Type;
        return type is null ? [] : model.LookupSymbols(position, type, includeReducedExtensionMethods: true).Where(s => !s.IsStatic || s is IMethodSymbol { MethodKind: MethodKind.ReducedExtension });
    }
}
