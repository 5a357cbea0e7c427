using LatentWorkbench.Graphs;
using MathNet.Numerics.LinearAlgebra;

namespace LatentWorkbench.FunctionalMaps;

/// <summary>Conversions between point sets and MathNet matrices.</summary>
public static class Matrices
{
    /// <summary>The points as an n x d double matrix.</summary>
    public static Matrix<double> FromPoints(PointSet points) =>
        Matrix<double>.Build.Dense(points.Count, points.Dim, (i, j) => points.Data[i * points.Dim + j]);

    /// <summary>The rows of <paramref name="m"/> as a point set (checks finiteness).</summary>
    public static PointSet ToPoints(Matrix<double> m, string name = "matrix")
    {
        var f = new float[m.RowCount * m.ColumnCount];
        for (int i = 0; i < m.RowCount; i++)
            for (int j = 0; j < m.ColumnCount; j++) f[i * m.ColumnCount + j] = (float)m[i, j];
        return new PointSet(f, m.RowCount, m.ColumnCount, name);
    }

    /// <summary>Columns minus their means.</summary>
    public static Matrix<double> CenterColumns(Matrix<double> x)
    {
        var mean = x.ColumnSums() / x.RowCount;
        return x - Matrix<double>.Build.Dense(x.RowCount, x.ColumnCount, (_, j) => mean[j]);
    }
}
