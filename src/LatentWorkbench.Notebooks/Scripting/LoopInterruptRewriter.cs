using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LatentWorkbench.Notebooks.Scripting;

/// <summary>
/// Makes a cell's own loops interruptible: every loop body starts with a check of
/// <see cref="Engine.Interruption"/>, so <c>while (true) { }</c> stops on an interrupt instead of burning a core on an
/// abandoned thread (.NET cannot abort a thread). The check is inserted on the line where the body starts, without
/// new lines, so compiler errors and stack traces keep the cell's line numbers.
/// </summary>
internal sealed class LoopInterruptRewriter : CSharpSyntaxRewriter
{
    private static readonly StatementSyntax Check = SyntaxFactory.ParseStatement(
        "global::LatentWorkbench.Engine.Interruption.ThrowIfRequested();");

    /// <summary>The code with checks in every loop; unchanged when it has syntax errors (the compiler reports them as written).</summary>
    public static string Instrument(string code)
    {
        var tree = CSharpSyntaxTree.ParseText(code, new CSharpParseOptions(LanguageVersion.Latest, kind: SourceCodeKind.Script));
        if (tree.GetDiagnostics().Any(d => d.Severity == DiagnosticSeverity.Error)) return code;
        var root = tree.GetRoot();
        var loops = root.DescendantNodes().Any(n => n is WhileStatementSyntax or DoStatementSyntax or ForStatementSyntax or CommonForEachStatementSyntax);
        return loops ? new LoopInterruptRewriter().Visit(root)!.ToFullString() : code;
    }

    public override SyntaxNode? Visit(SyntaxNode? node) => base.Visit(node) switch
    {
        WhileStatementSyntax loop => loop.WithStatement(Guard(loop.Statement)),
        DoStatementSyntax loop => loop.WithStatement(Guard(loop.Statement)),
        ForStatementSyntax loop => loop.WithStatement(Guard(loop.Statement)),
        ForEachStatementSyntax loop => loop.WithStatement(Guard(loop.Statement)),
        ForEachVariableStatementSyntax loop => loop.WithStatement(Guard(loop.Statement)),
        var other => other,
    };

    private static StatementSyntax Guard(StatementSyntax body)
    {
        if (body is BlockSyntax block)
            return block.WithStatements(block.Statements.Insert(0, Check));
        // A single statement becomes "{ check; statement }" with the statement's own trivia outside the braces.
        var open = SyntaxFactory.Token(SyntaxKind.OpenBraceToken).WithLeadingTrivia(body.GetLeadingTrivia());
        var close = SyntaxFactory.Token(SyntaxKind.CloseBraceToken).WithTrailingTrivia(body.GetTrailingTrivia());
        var inner = body.WithoutLeadingTrivia().WithoutTrailingTrivia();
        return SyntaxFactory.Block(open, SyntaxFactory.List([Check, inner]), close);
    }
}
