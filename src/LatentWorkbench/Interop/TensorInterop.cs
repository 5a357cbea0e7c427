using LatentWorkbench.Engine;
using LatentWorkbench.Graphs;
using MathNet.Numerics.LinearAlgebra;

namespace LatentWorkbench.Interop;

/// <summary>
/// Every conversion between the public currency, a float32 <see cref="Tensor"/> [n, d], and the shapes the methods
/// compute in: validated <see cref="PointSet"/> views for the graph code and MathNet double matrices for the methods
/// that need LAPACK. Widening float to double is exact; narrowing rounds each entry once with a plain (float) cast,
/// row by row, so the numbers do not depend on which path a value took.
/// </summary>
internal static class TensorInterop
{
    /// <summary>The rows of a 2-D tensor [n, d] as a validated point set (copied; shape and finiteness errors name <paramref name="name"/>).</summary>
    public static PointSet ToPoints(this Tensor points, string name = "points")
    {
        ArgumentNullException.ThrowIfNull(points, name);
        if (points.Rank != 2) throw new ArgumentException($"{name}: expected a 2-D tensor [n, d], got rank {points.Rank}", name);
        return new PointSet(points.ToArray(), points.Size(0), points.Size(1), name);
    }

    /// <summary>A point set as a tensor [n, d] (copied).</summary>
    public static Tensor ToTensor(this PointSet points) => Tensor.FromArray((float[])points.Data.Clone(), points.Count, points.Dim);

    /// <summary>A 2-D tensor [r, c] as a double matrix (exact widening).</summary>
    public static Matrix<double> ToMatrix(this Tensor t)
    {
        ArgumentNullException.ThrowIfNull(t);
        if (t.Rank != 2) throw new ArgumentException($"expected a 2-D tensor [r, c], got rank {t.Rank}", nameof(t));
        var c = t.Contiguous();
        int rows = c.Size(0), cols = c.Size(1);
        var data = c.ToArray();
        return Matrix<double>.Build.Dense(rows, cols, (i, j) => data[i * cols + j]);
    }

    /// <summary>A point set as an n x d double matrix (exact widening).</summary>
    public static Matrix<double> ToMatrix(this PointSet points) =>
        Matrix<double>.Build.Dense(points.Count, points.Dim, (i, j) => points.Data[i * points.Dim + j]);

    /// <summary>A double matrix as a tensor [r, c] (each entry rounded to float).</summary>
    public static Tensor ToTensor(this Matrix<double> m) => Tensor.FromArray(ToRowMajorFloats(m), m.RowCount, m.ColumnCount);

    /// <summary>A double matrix as a validated point set (each entry rounded to float; checks finiteness).</summary>
    public static PointSet ToPoints(this Matrix<double> m, string name = "matrix") => new(ToRowMajorFloats(m), m.RowCount, m.ColumnCount, name);

    /// <summary>A double matrix as a row-major float buffer [r * c] (each entry rounded to float).</summary>
    public static float[] ToRowMajorFloats(this Matrix<double> m)
    {
        var result = new float[m.RowCount * m.ColumnCount];
        for (int i = 0; i < m.RowCount; i++)
            for (int j = 0; j < m.ColumnCount; j++) result[i * m.ColumnCount + j] = (float)m[i, j];
        return result;
    }

    /// <summary>A row-major double buffer [n * d] as a validated point set (each entry rounded to float).</summary>
    public static PointSet ToPoints(double[] data, int count, int dim, string name = "points")
    {
        var f = new float[data.Length];
        for (int i = 0; i < f.Length; i++) f[i] = (float)data[i];
        return new PointSet(f, count, dim, name);
    }

    /// <summary>Rows of doubles as a validated point set (each entry rounded to float).</summary>
    public static PointSet ToPoints(double[][] rows, string name = "points")
    {
        ArgumentNullException.ThrowIfNull(rows, name);
        if (rows.Length == 0) throw new ArgumentException($"{name}: no rows", name);
        int d = rows[0].Length;
        var data = new float[rows.Length * d];
        for (int i = 0; i < rows.Length; i++)
        {
            if (rows[i].Length != d) throw new ArgumentException($"{name}: row {i} has {rows[i].Length} values, expected {d}", name);
            for (int j = 0; j < d; j++) data[i * d + j] = (float)rows[i][j];
        }
        return new PointSet(data, rows.Length, d, name);
    }

    /// <summary>A point set's values as a row-major double buffer [n * d] (exact widening).</summary>
    public static double[] ToDoubles(this PointSet points)
    {
        var r = new double[points.Data.Length];
        for (int i = 0; i < r.Length; i++) r[i] = points.Data[i];
        return r;
    }

    /// <summary>A double vector as a 1-D tensor [n] (each entry rounded to float).</summary>
    public static Tensor ToTensor(this Vector<double> v) => Tensor.FromArray(v.ToArray(), v.Count);

    /// <summary>Columns minus their means (the centring every double-precision method starts from).</summary>
    public static Matrix<double> CenterColumns(this Matrix<double> x)
    {
        var mean = x.ColumnSums() / x.RowCount;
        return x - Matrix<double>.Build.Dense(x.RowCount, x.ColumnCount, (_, j) => mean[j]);
    }
}
