using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using LatentWorkbench.Notebooks.Documents;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LatentWorkbench.Notebooks.Running;

/// <summary>
/// Papermill-style parameters: the cell tagged <c>parameters</c> holds defaults; overrides go into a new cell
/// tagged <c>injected-parameters</c> right after it, as C# assignments whose literal type follows the declaration
/// in the parameters cell (int, long, ulong, double, float, decimal, bool, string).
/// </summary>
public static class NotebookParameters
{
    /// <summary>Tag of the cell holding parameter defaults.</summary>
    public const string ParametersTag = "parameters";

    /// <summary>Tag of the generated cell holding overrides.</summary>
    public const string InjectedTag = "injected-parameters";

    /// <summary>The variable every workbench notebook declares for a fast smoke-test run.</summary>
    public const string QuickName = "Quick";

    /// <summary>The values a run injects: the given parameters, plus <c>Quick = true</c> in quick mode unless given.</summary>
    public static List<KeyValuePair<string, string>> Effective(IReadOnlyList<KeyValuePair<string, string>> parameters, bool quick)
    {
        var values = parameters.ToList();
        if (quick && !values.Any(p => p.Key == QuickName)) values.Add(new(QuickName, "true"));
        return values;
    }

    /// <summary>
    /// Removes a previously injected cell and, when there are overrides, inserts a new one. <paramref name="quick"/>
    /// adds <c>Quick = true</c> unless <c>Quick</c> is given explicitly. Returns the injected cell or null. A notebook
    /// without a <c>parameters</c> cell gets a warning on <paramref name="warnings"/> (default: standard error).
    /// </summary>
    public static NotebookCell? Inject(NotebookDocument doc, IReadOnlyList<KeyValuePair<string, string>> parameters, bool quick, string notebookName = "notebook",
        TextWriter? warnings = null)
    {
        doc.Cells.RemoveAll(c => c.HasTag(InjectedTag));
        var values = Effective(parameters, quick);
        RecordMetadata(doc, values);
        if (values.Count == 0) return null;

        int index = doc.Cells.FindIndex(c => c.Kind == CellKind.Code && c.HasTag(ParametersTag));
        // Papermill's behaviour, with its warning: without a tagged cell the overrides go first, where any later
        // assignment to the same name silently undoes them.
        if (index < 0)
            (warnings ?? Console.Error).WriteLine($"warning: {notebookName} has no code cell tagged '{ParametersTag}'; the parameters " +
                $"({string.Join(", ", values.Select(v => v.Key))}) are set in a new first cell, and a later assignment to the same name overrides them");
        var declared = index >= 0 ? DeclaredTypes(doc.Cells[index].Source) : new Dictionary<string, string>();
        var source = new StringBuilder("// Parameters injected by lwb notebook run\n");
        foreach (var (name, value) in values)
        {
            if (!SyntaxFacts.IsValidIdentifier(name))
                throw new ArgumentException($"Parameter name '{name}' is not a valid C# identifier.", nameof(parameters));
            if (declared.TryGetValue(name, out var type))
                source.Append(name).Append(" = ").Append(Literal(name, value, type, notebookName)).Append(";\n");
            else
                source.Append("var ").Append(name).Append(" = ").Append(Literal(name, value, InferType(value), notebookName)).Append(";\n");
        }
        var cell = NotebookCell.CSharp(source.ToString());
        cell.AddTag(InjectedTag);
        doc.Cells.Insert(index + 1, cell);
        return cell;
    }

    private static void RecordMetadata(NotebookDocument doc, List<KeyValuePair<string, string>> values)
    {
        var lwb = doc.Metadata["lwb"] as JsonObject ?? new JsonObject();
        var recorded = new JsonObject();
        foreach (var (name, value) in values) recorded[name] = value;
        lwb["parameters"] = recorded;
        doc.Metadata["lwb"] = lwb;
    }

    /// <summary>Variable name → declared type (or the literal's type for <c>var</c>) in a parameters cell.</summary>
    public static Dictionary<string, string> DeclaredTypes(string source)
    {
        var tree = CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest, kind: SourceCodeKind.Script));
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var declaration in tree.GetRoot().DescendantNodes().OfType<VariableDeclarationSyntax>())
        {
            // Only top-level declarations are parameters; locals inside lambdas or blocks are not.
            if (declaration.Parent is not (FieldDeclarationSyntax or LocalDeclarationStatementSyntax { Parent: GlobalStatementSyntax })) continue;
            foreach (var variable in declaration.Variables)
            {
                var type = declaration.Type.IsVar ? LiteralType(variable.Initializer?.Value) : declaration.Type.ToString();
                result[variable.Identifier.ValueText] = Normalize(type);
            }
        }
        return result;
    }

    private static string LiteralType(ExpressionSyntax? value) => value switch
    {
        LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.StringLiteralExpression) => "string",
        LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.TrueLiteralExpression) || literal.IsKind(SyntaxKind.FalseLiteralExpression) => "bool",
        LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.NumericLiteralExpression) => literal.Token.Value switch
        {
            int => "int",
            long => "long",
            ulong => "ulong",
            float => "float",
            decimal => "decimal",
            double => "double",
            _ => "unknown",
        },
        PrefixUnaryExpressionSyntax { Operand: var operand } => LiteralType(operand),
        ParenthesizedExpressionSyntax { Expression: var inner } => LiteralType(inner),
        InterpolatedStringExpressionSyntax => "string",
        _ => "unknown",
    };

    private static string Normalize(string type) => type switch
    {
        "Int32" or "System.Int32" => "int",
        "Int64" or "System.Int64" => "long",
        "UInt64" or "System.UInt64" => "ulong",
        "Double" or "System.Double" => "double",
        "Single" or "System.Single" => "float",
        "Boolean" or "System.Boolean" => "bool",
        "String" or "System.String" or "string?" => "string",
        _ => type,
    };

    private static string InferType(string value)
    {
        if (int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _)) return "int";
        if (long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _)) return "long";
        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _)) return "double";
        if (value is "true" or "false" or "True" or "False") return "bool";
        return "string";
    }

    /// <summary>The C# literal for <paramref name="value"/> as <paramref name="type"/>; clear error when it does not fit.</summary>
    public static string Literal(string name, string value, string type, string notebookName = "notebook")
    {
        string Fail(string expected) => throw new ArgumentException(
            $"Parameter '{name}' of {notebookName} is {type} in the parameters cell, but the value '{value}' is not {expected}.");
        switch (type)
        {
            case "int":
                return int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) ? i.ToString(CultureInfo.InvariantCulture) : Fail("an int");
            case "long":
                return long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) ? l.ToString(CultureInfo.InvariantCulture) + "L" : Fail("a long");
            case "ulong":
                // Seeds are ulong: a negative or fractional value is refused here rather than as a compile error.
                return ulong.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var u) ? u.ToString(CultureInfo.InvariantCulture) + "UL" : Fail("a non-negative integer");
            case "double":
                if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)) return Fail("a number");
                return FloatLiteral(d, "double", "");
            case "float":
                if (!float.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var f)) return Fail("a number");
                return FloatLiteral(f, "float", "f");
            case "decimal":
                return decimal.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var m) ? m.ToString(CultureInfo.InvariantCulture) + "m" : Fail("a decimal");
            case "bool":
                return value.ToLowerInvariant() switch
                {
                    "true" or "1" or "yes" => "true",
                    "false" or "0" or "no" => "false",
                    _ => Fail("true or false"),
                };
            case "string":
                return SymbolDisplay.FormatLiteral(value, quote: true);
            default:
                // Declared with another type (an enum, a TimeSpan expression, ...): the value is taken as C# source.
                return value;
        }
    }

    private static string FloatLiteral(double v, string type, string suffix)
    {
        if (double.IsNaN(v)) return $"{type}.NaN";
        if (double.IsPositiveInfinity(v)) return $"{type}.PositiveInfinity";
        if (double.IsNegativeInfinity(v)) return $"{type}.NegativeInfinity";
        var text = suffix == "f" ? ((float)v).ToString("R", CultureInfo.InvariantCulture) : v.ToString("R", CultureInfo.InvariantCulture);
        if (suffix.Length == 0 && !text.Contains('.') && !text.Contains('E')) text += ".0";
        return text + suffix;
    }
}
