using System.Text.Json.Nodes;
using LatentWorkbench.Engine;

namespace LatentWorkbench.Figures;

/// <summary>A row-major matrix for heatmap and contour z values (row i is drawn at y[i]).</summary>
public readonly struct Matrix
{
    private readonly DataArray _values;

    private Matrix(DataArray values, int rows, int columns)
    {
        _values = values;
        Rows = rows;
        Columns = columns;
    }

    /// <summary>Number of rows (the y direction).</summary>
    public int Rows { get; }

    /// <summary>Number of columns (the x direction).</summary>
    public int Columns { get; }

    /// <summary>Element (row, column) widened to double.</summary>
    public double this[int row, int column] => _values[row * Columns + column];

    /// <summary>Copies a flat row-major buffer [rows * columns] of floats.</summary>
    public static Matrix FromRowMajor(ReadOnlySpan<float> values, int rows, int columns)
    {
        CheckShape(values.Length, rows, columns, nameof(values));
        return new(DataArray.From(values), rows, columns);
    }

    /// <summary>Copies a flat row-major buffer [rows * columns] of doubles.</summary>
    public static Matrix FromRowMajor(ReadOnlySpan<double> values, int rows, int columns)
    {
        CheckShape(values.Length, rows, columns, nameof(values));
        return new(DataArray.From(values), rows, columns);
    }

    /// <summary>Copies a 2-D tensor [rows, columns] (the workbench's array type), so figures take results directly.</summary>
    public static implicit operator Matrix(Tensor values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Rank != 2) throw new ArgumentException($"A heatmap matrix needs a 2-D tensor [rows, columns]; got rank {values.Rank}.", nameof(values));
        return FromRowMajor(values.Contiguous().ToArray(), values.Size(0), values.Size(1));
    }

    /// <summary>Copies a rectangular double array [rows, columns].</summary>
    public static implicit operator Matrix(double[,] values)
    {
        int r = values.GetLength(0), c = values.GetLength(1);
        var flat = new double[r * c];
        for (var i = 0; i < r; i++)
            for (var j = 0; j < c; j++) flat[i * c + j] = values[i, j];
        return new(flat, r, c);
    }

    /// <summary>Copies a rectangular float array [rows, columns].</summary>
    public static implicit operator Matrix(float[,] values)
    {
        int r = values.GetLength(0), c = values.GetLength(1);
        var flat = new float[r * c];
        for (var i = 0; i < r; i++)
            for (var j = 0; j < c; j++) flat[i * c + j] = values[i, j];
        return new(flat, r, c);
    }

    /// <summary>Copies a jagged array [rows][columns] whose rows all have the same length.</summary>
    public static implicit operator Matrix(double[][] rows)
    {
        var c = rows.Length == 0 ? 0 : rows[0].Length;
        var flat = new double[rows.Length * c];
        for (var i = 0; i < rows.Length; i++)
        {
            if (rows[i].Length != c)
                throw new ArgumentException($"Jagged matrix row {i} has {rows[i].Length} values; expected {c} like row 0.", nameof(rows));
            rows[i].CopyTo(flat, i * c);
        }
        return new(flat, rows.Length, c);
    }

    private static void CheckShape(int length, int rows, int columns, string argument)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(columns);
        if ((long)rows * columns != length)
            throw new ArgumentException($"Matrix buffer has {length} values; expected rows*columns = {rows}*{columns} = {(long)rows * columns}.", argument);
    }

    internal JsonArray ToJson()
    {
        var a = new JsonArray();
        for (var i = 0; i < Rows; i++) a.Add(_values.SliceToJson(i * Columns, Columns));
        return a;
    }
}
