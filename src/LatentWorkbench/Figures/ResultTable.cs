using System.Globalization;
using System.Net;
using System.Reflection;
using System.Text;
using CsvHelper;
using LatentWorkbench.Display;
using LatentWorkbench.Engine.Serialization;

namespace LatentWorkbench.Figures;

/// <summary>
/// A small table of results (named columns, rows of values) that prints as aligned text, renders as HTML in
/// notebooks and exports to CSV. Display rounds floating point numbers to 6 significant digits, or to
/// <see cref="Digits"/> decimals when set; CSV keeps full round-trip precision.
/// </summary>
[TypeFormatterSource(typeof(MimeFormatterSource<ResultTable>), PreferredMimeTypes = ["text/html"])]
public sealed class ResultTable : IMimeRenderable
{
    private readonly string[] _columns;
    private readonly List<object?[]> _rows = [];

    /// <summary>Creates an empty table with the given column names.</summary>
    public ResultTable(params string[] columns)
    {
        if (columns.Length == 0) throw new ArgumentException("A result table needs at least one column.", nameof(columns));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var c in columns)
        {
            if (string.IsNullOrWhiteSpace(c)) throw new ArgumentException("Column names must not be empty.", nameof(columns));
            if (!seen.Add(c)) throw new ArgumentException($"Column '{c}' appears twice.", nameof(columns));
        }
        _columns = (string[])columns.Clone();
    }

    /// <summary>One column per public readable property of <typeparamref name="T"/> (declaration order), one row per record.</summary>
    /// <param name="records">The rows.</param>
    /// <param name="digits">Decimals shown for floating point values (see <see cref="Digits"/>); null shows 6 significant digits.</param>
    public static ResultTable FromRecords<T>(IEnumerable<T> records, int? digits = null)
    {
        var properties = typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanRead && p.GetIndexParameters().Length == 0)
            .OrderBy(p => p.MetadataToken)
            .ToArray();
        var table = new ResultTable(properties.Select(p => p.Name).ToArray()).WithDigits(digits);
        foreach (var r in records)
            table.AddRow(properties.Select(p => p.GetValue(r)).ToArray());
        return table;
    }

    /// <summary>
    /// Decimals shown for floating point values in text and HTML (e.g. 3 shows 0.123457 as 0.123), or null for 6
    /// significant digits. Only the display rounds: sorting, <see cref="Rows"/> and CSV keep the exact values.
    /// </summary>
    public int? Digits { get; private set; }

    /// <summary>Shows floating point values with <paramref name="digits"/> decimals (null: 6 significant digits).</summary>
    public ResultTable WithDigits(int? digits)
    {
        if (digits is < 0 or > 15) throw new ArgumentOutOfRangeException(nameof(digits), digits, "ResultTable digits must be between 0 and 15 decimals (or null for 6 significant digits)");
        Digits = digits;
        return this;
    }

    /// <summary>Caption shown above the table (null: none).</summary>
    public string? Title { get; set; }

    /// <summary>The column headers, in display order.</summary>
    public IReadOnlyList<string> Columns => _columns;

    /// <summary>Rows; each has one value per column.</summary>
    public IReadOnlyList<IReadOnlyList<object?>> Rows => _rows;

    /// <summary>Value at (row, column name).</summary>
    public object? this[int row, string column]
    {
        get
        {
            var c = Array.IndexOf(_columns, column);
            if (c < 0) throw new KeyNotFoundException($"Result table has no column '{column}'; columns are {string.Join(", ", _columns)}.");
            return _rows[row][c];
        }
    }

    /// <summary>Appends a row; it must have one value per column.</summary>
    public ResultTable AddRow(params object?[] values)
    {
        if (values.Length != _columns.Length)
            throw new ArgumentException($"Row has {values.Length} values but the table has {_columns.Length} columns ({string.Join(", ", _columns)}).", nameof(values));
        _rows.Add((object?[])values.Clone());
        return this;
    }

    /// <summary>Sets the caption.</summary>
    public ResultTable WithTitle(string title)
    {
        Title = title;
        return this;
    }

    private static bool IsNumeric(object? v) => v is sbyte or byte or short or ushort or int or uint or long or ulong or float or double or decimal or Half;

    private string Display(object? v) => v switch
    {
        null => "",
        double d => Digits is int n && double.IsFinite(d) ? Math.Round(d, n).ToString("F" + n, CultureInfo.InvariantCulture) : d.ToString("G6", CultureInfo.InvariantCulture),
        float f => Digits is int n && float.IsFinite(f) ? Math.Round((double)f, n).ToString("F" + n, CultureInfo.InvariantCulture) : f.ToString("G6", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => v.ToString() ?? "",
    };

    private static string Exact(object? v) => v switch
    {
        null => "",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        DateTime t => t.ToString("O", CultureInfo.InvariantCulture),
        DateTimeOffset t => t.ToString("O", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => v.ToString() ?? "",
    };

    /// <summary>Aligned plain text: numbers right-aligned, everything else left-aligned.</summary>
    public string ToText()
    {
        var cells = _rows.Select(r => r.Select(Display).ToArray()).ToList();
        var widths = new int[_columns.Length];
        for (var c = 0; c < _columns.Length; c++)
            widths[c] = Math.Max(_columns[c].Length, cells.Count == 0 ? 0 : cells.Max(r => r[c].Length));
        var rightAligned = new bool[_columns.Length];
        for (var c = 0; c < _columns.Length; c++)
            rightAligned[c] = _rows.Count > 0 && _rows.All(r => r[c] is null || IsNumeric(r[c]));

        var sb = new StringBuilder();
        if (Title is not null) sb.Append(Title).Append('\n');
        AppendLine(sb, _columns, widths, rightAligned);
        sb.Append(string.Join("  ", widths.Select(w => new string('-', w)))).Append('\n');
        foreach (var r in cells) AppendLine(sb, r, widths, rightAligned);
        return sb.ToString();
    }

    private static void AppendLine(StringBuilder sb, IReadOnlyList<string> cells, int[] widths, bool[] right)
    {
        var parts = new string[cells.Count];
        for (var c = 0; c < cells.Count; c++)
            parts[c] = right[c] ? cells[c].PadLeft(widths[c]) : cells[c].PadRight(widths[c]);
        sb.Append(string.Join("  ", parts).TrimEnd()).Append('\n');
    }

    /// <summary>
    /// An HTML table whose columns sort on a click of their header (numbers by value, the rest as text; a second click
    /// reverses). All text is HTML-encoded; numeric cells carry their invariant value in <c>data-value</c>.
    /// </summary>
    public string ToHtml()
    {
        var sb = new StringBuilder("<table class=\"lwb-result-table\">");
        if (Title is not null) sb.Append("<caption>").Append(WebUtility.HtmlEncode(Title)).Append("</caption>");
        sb.Append("<thead><tr>");
        foreach (var c in _columns)
            sb.Append("<th style=\"cursor:pointer\" title=\"click to sort\" onclick=\"lwbSortTable(this)\">").Append(WebUtility.HtmlEncode(c)).Append("</th>");
        sb.Append("</tr></thead><tbody>");
        foreach (var r in _rows)
        {
            sb.Append("<tr>");
            foreach (var v in r)
            {
                if (IsNumeric(v))
                    sb.Append("<td style=\"text-align:right\" data-value=\"").Append((v is Half half ? (double)half : Convert.ToDouble(v, CultureInfo.InvariantCulture)).ToString("R", CultureInfo.InvariantCulture)).Append("\">");
                else sb.Append("<td>");
                sb.Append(WebUtility.HtmlEncode(Display(v))).Append("</td>");
            }
            sb.Append("</tr>");
        }
        return sb.Append("</tbody></table>").Append(SortScript).ToString();
    }

    // Defined once per page however many tables it has; a front end that strips scripts leaves a plain table.
    private const string SortScript = """
        <script>window.lwbSortTable = window.lwbSortTable || function (th) {
          var table = th.closest("table"), body = table.tBodies[0], col = th.cellIndex;
          var down = th.getAttribute("data-sorted") !== "asc";
          Array.prototype.forEach.call(th.parentNode.children, function (h) { h.removeAttribute("data-sorted"); });
          th.setAttribute("data-sorted", down ? "asc" : "desc");
          var rows = Array.prototype.slice.call(body.rows);
          function key(row) { var c = row.cells[col]; var v = c.getAttribute("data-value"); return v === null ? c.textContent : parseFloat(v); }
          rows.sort(function (a, b) { var x = key(a), y = key(b); var r = typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y)); return down ? r : -r; });
          rows.forEach(function (row) { body.appendChild(row); });
        };</script>
        """;

    /// <summary>CSV with a header row, invariant culture, full precision, "\n" line ends.</summary>
    public string ToCsv()
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        WriteCsv(writer);
        return writer.ToString();
    }

    /// <summary>Writes <see cref="ToCsv"/> to <paramref name="path"/> atomically.</summary>
    public void SaveCsv(string path) => AtomicFile.WriteAllText(path, ToCsv());

    private void WriteCsv(TextWriter writer)
    {
        using var csv = CsvWriter.Create(writer, CsvWriterOptions.Default with { NewLine = "\n" }, leaveOpen: true);
        csv.WriteHeader(_columns);
        var fields = new string[_columns.Length];
        foreach (var r in _rows)
        {
            for (var c = 0; c < r.Length; c++) fields[c] = Exact(r[c]);
            csv.WriteRecord(fields);
        }
        csv.Flush();
    }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, object> ToMimeBundle() => new Dictionary<string, object>
    {
        ["text/html"] = ToHtml(),
        ["text/plain"] = ToText(),
    };

    /// <summary>The aligned text form.</summary>
    public override string ToString() => ToText();
}
