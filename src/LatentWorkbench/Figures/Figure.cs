using System.Globalization;
using System.Text.Json.Nodes;
using LatentWorkbench.Display;
using LatentWorkbench.Engine.Serialization;

namespace LatentWorkbench.Figures;

/// <summary>
/// A plotly.js figure: traces placed in the cells of a subplot grid (1 x 1 for a plain plot) plus layout.
/// Build with <see cref="Create"/> or <see cref="Subplots"/> and the fluent With* methods; render with
/// <see cref="ToJson"/>, <see cref="ToMimeBundle"/> or <see cref="SaveHtml(string, PlotlyJsSource)"/>. Output is deterministic:
/// the same figure always gives byte-identical JSON.
/// </summary>
[TypeFormatterSource(typeof(MimeFormatterSource<Figure>), PreferredMimeTypes = ["text/html"])]
public sealed class Figure : IMimeRenderable
{
    /// <summary>The MIME type of plotly figure JSON in Jupyter.</summary>
    public const string PlotlyMimeType = "application/vnd.plotly.v1+json";

    private readonly SubplotGrid _grid;
    private readonly List<(Trace Trace, int Cell)> _traces = [];
    private readonly AxisOptions?[] _xAxes;
    private readonly AxisOptions?[] _yAxes;
    private readonly SceneOptions?[] _scenes;
    private readonly string[]? _subplotTitles;

    private Figure(SubplotGrid grid, IReadOnlyList<string>? subplotTitles)
    {
        _grid = grid;
        _xAxes = new AxisOptions?[grid.CellCount];
        _yAxes = new AxisOptions?[grid.CellCount];
        _scenes = new SceneOptions?[grid.CellCount];
        if (subplotTitles is not null)
        {
            if (subplotTitles.Count > grid.CellCount)
                throw new ArgumentException($"Got {subplotTitles.Count} subplot titles for {grid.Rows}x{grid.Columns} = {grid.CellCount} cells.", nameof(subplotTitles));
            _subplotTitles = subplotTitles.ToArray();
        }
    }

    /// <summary>A single plot holding <paramref name="traces"/>.</summary>
    public static Figure Create(params Trace[] traces)
    {
        var f = new Figure(new SubplotGrid(1, 1), null);
        foreach (var t in traces) f.Add(t);
        return f;
    }

    /// <summary>An empty rows x cols grid; titles are given row by row and may be fewer than the cells.</summary>
    public static Figure Subplots(int rows, int cols, IReadOnlyList<string>? titles = null, double horizontalSpacing = 0.08, double verticalSpacing = 0.12) =>
        new(new SubplotGrid(rows, cols, horizontalSpacing, verticalSpacing), titles);

    /// <summary>The subplot cells and their axis ids (one cell for a single plot).</summary>
    public SubplotGrid Grid => _grid;

    /// <summary>The traces in drawing order.</summary>
    public IReadOnlyList<Trace> Traces => _traces.ConvertAll(p => p.Trace);

    /// <summary>Text above the figure (null: none).</summary>
    public string? Title { get; set; }

    /// <summary>Width in pixels (fills the container when null).</summary>
    public int? Width { get; set; }

    /// <summary>Height in pixels (plotly's 450 when null).</summary>
    public int? Height { get; set; }

    /// <summary>
    /// A PNG of the figure for renderers that run no JavaScript (GitHub, nbconvert without scripts): added to the
    /// MIME bundle as image/png and shown in the HTML fallback until plotly.js draws. <see cref="ImageGrid"/> sets it
    /// to the grid as built; it is not updated when traces are added later.
    /// </summary>
    public byte[]? StaticImagePng { get; set; }

    /// <summary>Whether the legend is shown (plotly decides when null).</summary>
    public bool? ShowLegend { get; set; }

    /// <summary>Lay the legend out horizontally below the plot.</summary>
    public bool HorizontalLegend { get; set; }

    /// <summary>How bars/histograms at one position share space.</summary>
    public BarMode? BarMode { get; set; }

    /// <summary>Adds a trace to cell (row, col), both 1-based.</summary>
    public Figure Add(Trace trace, int row = 1, int col = 1)
    {
        ArgumentNullException.ThrowIfNull(trace);
        _traces.Add((trace, _grid.CellIndex(row, col)));
        return this;
    }

    /// <summary>Adds several traces to cell (row, col).</summary>
    public Figure AddRange(IEnumerable<Trace> traces, int row = 1, int col = 1)
    {
        foreach (var t in traces) Add(t, row, col);
        return this;
    }

    /// <summary>Sets the title.</summary>
    public Figure WithTitle(string title)
    {
        Title = title;
        return this;
    }

    /// <summary>Sets the size in pixels.</summary>
    public Figure WithSize(int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 10);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 10);
        (Width, Height) = (width, height);
        return this;
    }

    /// <summary>Shows or hides the legend.</summary>
    public Figure WithLegend(bool show = true, bool horizontal = false)
    {
        ShowLegend = show;
        HorizontalLegend = horizontal;
        return this;
    }

    /// <summary>Sets how bars share space.</summary>
    public Figure WithBarMode(BarMode mode)
    {
        BarMode = mode;
        return this;
    }

    /// <summary>The x axis options of cell (row, col), created on first use, for settings without a With* method.</summary>
    public AxisOptions XAxis(int row = 1, int col = 1) => _xAxes[_grid.CellIndex(row, col)] ??= new AxisOptions();

    /// <summary>The y axis options of cell (row, col), created on first use.</summary>
    public AxisOptions YAxis(int row = 1, int col = 1) => _yAxes[_grid.CellIndex(row, col)] ??= new AxisOptions();

    /// <summary>The 3D scene options of cell (row, col), created on first use.</summary>
    public SceneOptions Scene(int row = 1, int col = 1) => _scenes[_grid.CellIndex(row, col)] ??= new SceneOptions();

    /// <summary>Titles the x axis of a cell and optionally makes it logarithmic or fixes its range.</summary>
    public Figure WithXAxis(string? title = null, bool log = false, (double Min, double Max)? range = null, int row = 1, int col = 1)
    {
        Configure(XAxis(row, col), title, log, range, false);
        return this;
    }

    /// <summary>Titles the y axis of a cell and optionally makes it logarithmic, fixes its range or reverses it.</summary>
    public Figure WithYAxis(string? title = null, bool log = false, (double Min, double Max)? range = null, bool reversed = false, int row = 1, int col = 1)
    {
        Configure(YAxis(row, col), title, log, range, reversed);
        return this;
    }

    /// <summary>One data unit is as long on y as on x in cell (row, col) (circles stay round).</summary>
    public Figure WithEqualAspect(int row = 1, int col = 1)
    {
        YAxis(row, col).ScaleAnchor = "x" + SubplotGrid.Suffix(_grid.CellIndex(row, col));
        return this;
    }

    /// <summary>Hides ticks, labels, grid and zero line of cell (row, col), e.g. for images.</summary>
    public Figure WithHiddenAxes(int row = 1, int col = 1)
    {
        XAxis(row, col).Visible = false;
        YAxis(row, col).Visible = false;
        return this;
    }

    /// <summary>Titles the axes of the 3D scene in cell (row, col).</summary>
    public Figure WithScene(string? xTitle = null, string? yTitle = null, string? zTitle = null, string? aspectMode = null, int row = 1, int col = 1)
    {
        var s = Scene(row, col);
        s.XTitle = xTitle ?? s.XTitle;
        s.YTitle = yTitle ?? s.YTitle;
        s.ZTitle = zTitle ?? s.ZTitle;
        s.AspectMode = aspectMode ?? s.AspectMode;
        return this;
    }

    private static void Configure(AxisOptions a, string? title, bool log, (double, double)? range, bool reversed)
    {
        a.Title = title ?? a.Title;
        a.Log |= log;
        a.Range = range ?? a.Range;
        a.Reversed |= reversed;
    }

    /// <summary>The figure as a plotly JSON object {"data": [...], "layout": {...}}; a fresh tree on every call.</summary>
    public JsonObject ToJsonNode()
    {
        var multi = _grid.CellCount > 1;
        var data = new JsonArray();
        foreach (var (trace, cell) in _traces)
        {
            var suffix = SubplotGrid.Suffix(cell);
            data.Add(multi ? trace.ToJson("x" + suffix, "y" + suffix, "scene" + suffix) : trace.ToJson(null, null, null));
        }
        var figure = new JsonObject { ["data"] = data, ["layout"] = Layout() };
        PointBudget.Apply(figure);
        return figure;
    }

    /// <summary>The figure as plotly JSON text.</summary>
    public string ToJson(bool indented = false) =>
        ToJsonNode().ToJsonString(indented ? PlotlyJson.Indented : PlotlyJson.Compact);

    private JsonObject Layout()
    {
        var layout = new JsonObject();
        if (Title is not null) layout["title"] = PlotlyJson.TitleObject(Title);
        layout.SetIf("width", Width);
        layout.SetIf("height", Height);
        layout.SetIf("showlegend", ShowLegend);
        if (HorizontalLegend) layout["legend"] = new JsonObject { ["orientation"] = "h" };
        if (BarMode is { } bm) layout["barmode"] = bm.ToString().ToLowerInvariant();

        var multi = _grid.CellCount > 1;
        for (var cell = 0; cell < _grid.CellCount; cell++)
        {
            var suffix = SubplotGrid.Suffix(cell);
            if (IsSceneCell(cell))
            {
                var scene = _scenes[cell]?.ToJson() ?? (multi ? new JsonObject() : null);
                if (scene is null) continue;
                if (multi) scene["domain"] = new JsonObject { ["x"] = Domain(_grid.XDomain(cell)), ["y"] = Domain(_grid.YDomain(cell)) };
                layout["scene" + suffix] = scene;
                continue;
            }
            var x = _xAxes[cell]?.ToJson() ?? (multi ? new JsonObject() : null);
            var y = _yAxes[cell]?.ToJson() ?? (multi ? new JsonObject() : null);
            if (multi)
            {
                x!["domain"] = Domain(_grid.XDomain(cell));
                x["anchor"] = "y" + suffix;
                y!["domain"] = Domain(_grid.YDomain(cell));
                y["anchor"] = "x" + suffix;
            }
            if (x is not null) layout["xaxis" + suffix] = x;
            if (y is not null) layout["yaxis" + suffix] = y;
        }

        if (_subplotTitles is { Length: > 0 })
        {
            var annotations = new JsonArray();
            for (var cell = 0; cell < _subplotTitles.Length; cell++)
            {
                if (string.IsNullOrEmpty(_subplotTitles[cell])) continue;
                var (x0, x1) = _grid.XDomain(cell);
                annotations.Add(new JsonObject
                {
                    ["text"] = _subplotTitles[cell],
                    ["x"] = Round((x0 + x1) / 2),
                    ["y"] = Round(_grid.YDomain(cell).Y1),
                    ["xref"] = "paper",
                    ["yref"] = "paper",
                    ["xanchor"] = "center",
                    ["yanchor"] = "bottom",
                    ["showarrow"] = false,
                    ["font"] = new JsonObject { ["size"] = 14 },
                });
            }
            layout["annotations"] = annotations;
        }
        return layout;
    }

    private bool IsSceneCell(int cell)
    {
        bool any3d = false, any2d = false;
        foreach (var (t, c) in _traces)
        {
            if (c != cell) continue;
            if (t.IsThreeDimensional) any3d = true;
            else any2d = true;
        }
        if (any3d && any2d)
            throw new InvalidOperationException(
                $"Subplot cell (row {cell / _grid.Columns + 1}, col {cell % _grid.Columns + 1}) mixes 2D and 3D traces; put them in different cells.");
        return any3d || (_scenes[cell] is not null && _xAxes[cell] is null && _yAxes[cell] is null);
    }

    // Rounded so grid fractions print as 0.46, not 0.45999999999999996.
    private static double Round(double v) => Math.Round(v, 9);

    private static JsonArray Domain((double A, double B) d) => PlotlyJson.Pair(Round(d.A), Round(d.B));

    /// <summary>
    /// An HTML fragment (div + script) that draws the figure in a notebook once window.Plotly is on the page (the
    /// workbench kernel shows <see cref="PlotlyJs.LibraryHtml"/> once per session for that), and shows a visible
    /// message when it never comes. Until it draws, the div holds <see cref="StaticImagePng"/> or a short note.
    /// </summary>
    public string ToHtml(string? divId = null)
    {
        var fallback = StaticImagePng is { } png
            ? $"<img alt=\"{System.Net.WebUtility.HtmlEncode(Title ?? "figure")}\" style=\"max-width:100%\" src=\"data:image/png;base64,{Convert.ToBase64String(png)}\">"
            : null;
        return PlotlyHtml.Fragment(this, divId ?? PlotlyHtml.NewDivId(this), fallback);
    }

    /// <summary>A standalone HTML document showing the figure.</summary>
    public string ToHtmlDocument(PlotlyJsSource source = PlotlyJsSource.Auto) => PlotlyHtml.Document(this, source, PlotlyJs.FindBundle);

    internal string ToHtmlDocument(PlotlyJsSource source, Func<string?> findBundle) => PlotlyHtml.Document(this, source, findBundle);

    /// <summary>Writes <see cref="ToHtmlDocument(PlotlyJsSource)"/> to <paramref name="path"/> atomically (temp file + rename).</summary>
    public void SaveHtml(string path, PlotlyJsSource source = PlotlyJsSource.Auto) => SaveHtml(path, source, PlotlyJs.FindBundle);

    internal void SaveHtml(string path, PlotlyJsSource source, Func<string?> findBundle)
    {
        // Render before touching the file system so a failure leaves any existing file untouched.
        var html = ToHtmlDocument(source, findBundle);
        AtomicFile.WriteAllText(path, html);
    }

    /// <summary>
    /// The figure for notebooks: <see cref="PlotlyMimeType"/> (data, layout and config, the plotly.js 3+ schema that
    /// JupyterLab's jupyterlab-plotly and VS Code render), a text/html fallback for front ends without a Plotly
    /// renderer (classic Notebook, nbconvert HTML), image/png when <see cref="StaticImagePng"/> is set, and text/plain.
    /// </summary>
    public IReadOnlyDictionary<string, object> ToMimeBundle()
    {
        var json = ToJsonNode();
        json["config"] = PlotlyHtml.Config();
        var bundle = new Dictionary<string, object>
        {
            [PlotlyMimeType] = json,
            ["text/html"] = ToHtml(),
            ["text/plain"] = ToString(),
        };
        if (StaticImagePng is { } png) bundle["image/png"] = png;
        return bundle;
    }

    /// <summary>A one-line description, the text/plain rendering.</summary>
    public override string ToString()
    {
        var kinds = string.Join(", ", _traces.Select(p => p.Trace.PlotlyType).Distinct());
        var grid = _grid.CellCount > 1 ? string.Create(CultureInfo.InvariantCulture, $" in {_grid.Rows}x{_grid.Columns} subplots") : "";
        var title = Title is null ? "" : $" \"{Title}\"";
        return $"Figure{title}: {_traces.Count} trace{(_traces.Count == 1 ? "" : "s")}{(kinds.Length > 0 ? $" ({kinds})" : "")}{grid}";
    }
}
