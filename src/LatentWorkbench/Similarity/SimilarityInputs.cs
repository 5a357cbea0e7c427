using LatentWorkbench.FunctionalMaps;
using LatentWorkbench.Graphs;
using MathNet.Numerics.LinearAlgebra;

namespace LatentWorkbench.Similarity;

/// <summary>Shared validation: representational similarity compares the same n inputs in two spaces.</summary>
internal static class SimilarityInputs
{
    public static (Matrix<double> X, Matrix<double> Y) Paired(PointSet x, PointSet y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Count != y.Count)
            throw new ArgumentException($"x has {x.Count} points but y has {y.Count}; similarity measures need the same inputs in both spaces (row i of x corresponds to row i of y)", nameof(y));
        if (x.Count < 4) throw new ArgumentException($"need at least 4 paired points, got {x.Count}", nameof(x));
        return (Matrices.FromPoints(x), Matrices.FromPoints(y));
    }

    public static Matrix<double> CenterGram(Matrix<double> k)
    {
        int n = k.RowCount;
        var rowMean = k.RowSums() / n;
        double total = rowMean.Sum() / n;
        return Matrix<double>.Build.Dense(n, n, (i, j) => k[i, j] - rowMean[i] - rowMean[j] + total);
    }
}
