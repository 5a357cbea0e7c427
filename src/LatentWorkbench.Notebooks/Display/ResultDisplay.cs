using System.Collections;
using System.Globalization;
using System.Net;
using System.Reflection;
using System.Text;
using LatentWorkbench.Figures;
using LatentWorkbench.Notebooks.Documents;

namespace LatentWorkbench.Notebooks.Display;

/// <summary>
/// How the result records of the workbench's methods show when a cell ends with one: a summary table of their
/// numbers and, when <see cref="ResultFigures"/> has a builder for the record's type, the figure below it. Front ends
/// with their own Plotly renderer (JupyterLab, VS Code) show the figure from the bundle's plotly JSON; classic
/// Notebook and nbconvert show the table and the figure.
/// </summary>
internal static class ResultDisplay
{
    /// <summary>The bundle for a result record of a workbench namespace, or null for anything else.</summary>
    public static MimeBundle? TryFormat(object value)
    {
        var type = value.GetType();
        if (type.Namespace?.StartsWith("LatentWorkbench.", StringComparison.Ordinal) != true || !IsRecord(type)) return null;

        var rows = new List<(string Name, string Value)>();
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0 || property.Name == "EqualityContract") continue;
            object? v;
            try
            {
                v = property.GetValue(value);
            }
            catch (TargetInvocationException)
            {
                continue; // a property that throws (e.g. not computed for this run) is left out of the summary
            }
            rows.Add((property.Name, Describe(v)));
        }

        var text = new StringBuilder(type.Name);
        foreach (var (name, v) in rows) text.Append('\n').Append("  ").Append(name).Append(": ").Append(v);
        var html = new StringBuilder("<div class=\"lwb-result\"><table class=\"lwb-result-summary\"><caption style=\"text-align:left;font-weight:bold\">")
            .Append(WebUtility.HtmlEncode(type.Name)).Append("</caption><tbody>");
        foreach (var (name, v) in rows)
            html.Append("<tr><th style=\"text-align:left\">").Append(WebUtility.HtmlEncode(name)).Append("</th><td style=\"text-align:left\">")
                .Append(WebUtility.HtmlEncode(v)).Append("</td></tr>");
        html.Append("</tbody></table>");

        var bundle = new MimeBundle();
        if (ResultFigures.For(value) is { } figure)
        {
            var drawn = MimeBundle.From(figure.ToMimeBundle());
            if (drawn.TryGetValue(MimeBundle.Plotly, out var plotly)) bundle.Set(MimeBundle.Plotly, plotly);
            html.Append(drawn.GetText(MimeBundle.Html));
        }
        return bundle.Set(MimeBundle.Html, html.Append("</div>").ToString()).Set(MimeBundle.PlainText, text.ToString());
    }

    // The compiler gives every record a "<Clone>$" method; nothing else has one.
    private static bool IsRecord(Type type) => type.GetMethod("<Clone>$", BindingFlags.Public | BindingFlags.Instance) is not null;

    /// <summary>Numbers in full, collections by their size, anything else by its text.</summary>
    private static string Describe(object? v) => v switch
    {
        null => "null",
        double d => d.ToString("G6", CultureInfo.InvariantCulture),
        float f => f.ToString("G6", CultureInfo.InvariantCulture),
        IFormattable f when v.GetType().IsPrimitive || v is decimal => f.ToString(null, CultureInfo.InvariantCulture),
        string s => s.Length > 200 ? s[..200] + "..." : s,
        Engine.Tensor t => $"Tensor [{string.Join(", ", t.Shape)}]",
        Array a => $"{a.GetType().GetElementType()?.Name}[{string.Join(", ", Enumerable.Range(0, a.Rank).Select(a.GetLength))}]",
        ICollection c => $"{c.Count} items",
        _ => v.ToString() is { Length: > 200 } long_ ? long_[..200] + "..." : v.ToString() ?? "",
    };
}
