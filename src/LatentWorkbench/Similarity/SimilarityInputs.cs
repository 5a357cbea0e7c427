using LatentWorkbench.Engine;
using LatentWorkbench.Interop;
using LatentWorkbench.Graphs;
using MathNet.Numerics.LinearAlgebra;

namespace LatentWorkbench.Similarity;

/// <summary>Shared validation: representational similarity compares the same n inputs in two spaces.</summary>
internal static class SimilarityInputs
{
    /// <summary>Both tensors [n, d_x] and [n, d_y] as validated point sets over the same n inputs.</summary>
    public static (PointSet X, PointSet Y) PairedPoints(Tensor x, Tensor y)
    {
        var (px, py) = (x.ToPoints(nameof(x)), y.ToPoints(nameof(y)));
        Check(px, py);
        return (px, py);
    }

    /// <summary>Both tensors as double matrices over the same n inputs.</summary>
    public static (Matrix<double> X, Matrix<double> Y) Paired(Tensor x, Tensor y)
    {
        var (px, py) = PairedPoints(x, y);
        return (px.ToMatrix(), py.ToMatrix());
    }

    private static void Check(PointSet x, PointSet y)
    {
        if (x.Count != y.Count)
            throw new ArgumentException($"x has {x.Count} points but y has {y.Count}; similarity measures need the same inputs in both spaces (row i of x corresponds to row i of y)", nameof(y));
        if (x.Count < 4) throw new ArgumentException($"need at least 4 paired points, got {x.Count}", nameof(x));
    }

    public static Matrix<double> CenterGram(Matrix<double> k)
    {
        int n = k.RowCount;
        var rowMean = k.RowSums() / n;
        double total = rowMean.Sum() / n;
        return Matrix<double>.Build.Dense(n, n, (i, j) => k[i, j] - rowMean[i] - rowMean[j] + total);
    }
}
