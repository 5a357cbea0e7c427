namespace LatentWorkbench.Figures;

/// <summary>
/// Cell geometry of a rows x cols subplot grid in paper coordinates, row 1 at the top, plus the
/// plotly axis ids of each cell: cell k (row-major, 0-based) uses x{k+1}/y{k+1}, with the first cell
/// plain "x"/"y" as plotly expects.
/// </summary>
public sealed class SubplotGrid
{
    /// <summary>Creates the geometry; spacings are fractions of the figure between neighbouring cells.</summary>
    public SubplotGrid(int rows, int columns, double horizontalSpacing = 0.08, double verticalSpacing = 0.12)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rows);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(columns);
        if (!(horizontalSpacing >= 0) || horizontalSpacing * (columns - 1) >= 1)
            throw new ArgumentOutOfRangeException(nameof(horizontalSpacing), horizontalSpacing, $"Horizontal spacing must be >= 0 and leave room for {columns} columns.");
        if (!(verticalSpacing >= 0) || verticalSpacing * (rows - 1) >= 1)
            throw new ArgumentOutOfRangeException(nameof(verticalSpacing), verticalSpacing, $"Vertical spacing must be >= 0 and leave room for {rows} rows.");
        Rows = rows;
        Columns = columns;
        HorizontalSpacing = horizontalSpacing;
        VerticalSpacing = verticalSpacing;
    }

    /// <summary>Rows of cells, row 1 at the top.</summary>
    public int Rows { get; }

    /// <summary>Columns of cells, column 1 at the left.</summary>
    public int Columns { get; }

    /// <summary>Gap between columns (paper fraction).</summary>
    public double HorizontalSpacing { get; }

    /// <summary>Gap between rows (paper fraction).</summary>
    public double VerticalSpacing { get; }

    /// <summary>Number of cells.</summary>
    public int CellCount => Rows * Columns;

    /// <summary>0-based row-major cell index of 1-based (row, col).</summary>
    public int CellIndex(int row, int col)
    {
        if (row < 1 || row > Rows) throw new ArgumentOutOfRangeException(nameof(row), row, $"Row must be in 1..{Rows}.");
        if (col < 1 || col > Columns) throw new ArgumentOutOfRangeException(nameof(col), col, $"Column must be in 1..{Columns}.");
        return (row - 1) * Columns + (col - 1);
    }

    /// <summary>Axis-id suffix of a cell: "" for the first, then "2", "3", ...</summary>
    public static string Suffix(int cell) => cell == 0 ? "" : (cell + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Horizontal extent [x0, x1] of a cell.</summary>
    public (double X0, double X1) XDomain(int cell)
    {
        var width = (1 - HorizontalSpacing * (Columns - 1)) / Columns;
        var c = cell % Columns;
        var x0 = c * (width + HorizontalSpacing);
        return (x0, c == Columns - 1 ? 1 : x0 + width);
    }

    /// <summary>Vertical extent [y0, y1] of a cell; row 1 is at the top.</summary>
    public (double Y0, double Y1) YDomain(int cell)
    {
        var height = (1 - VerticalSpacing * (Rows - 1)) / Rows;
        var r = cell / Columns;
        var y1 = 1 - r * (height + VerticalSpacing);
        return (r == Rows - 1 ? 0 : y1 - height, y1);
    }
}
