using LatentWorkbench.Engine;
using LatentWorkbench.Engine.Kernels;
using LatentWorkbench.Interop;
using MathNet.Numerics.LinearAlgebra;

namespace LatentWorkbench.Graphs;

/// <summary>Nearest reference row for each query row (Euclidean), with one GEMM per block of queries.</summary>
public static class NearestNeighbors
{
    /// <summary>For each row of <paramref name="query"/> [m, d], the index in 0..n-1 of the closest row of <paramref name="reference"/> [n, d]; returns [m].</summary>
    public static int[] Query(Tensor reference, Tensor query) => Query(reference.ToMatrix(), query.ToMatrix());

    /// <summary>The double-matrix form the functional maps use (rows are rounded to float for the GEMM).</summary>
    internal static int[] Query(Matrix<double> reference, Matrix<double> query)
    {
        if (reference.ColumnCount != query.ColumnCount)
            throw new ArgumentException($"query has {query.ColumnCount} columns but reference has {reference.ColumnCount}", nameof(query));
        int n = reference.RowCount, m = query.RowCount, d = reference.ColumnCount;
        var r = reference.ToRowMajorFloats();
        var q = query.ToRowMajorFloats();
        var norms = new float[n];
        for (int i = 0; i < n; i++) norms[i] = System.Numerics.Tensors.TensorPrimitives.Dot(r.AsSpan(i * d, d), r.AsSpan(i * d, d));
        var result = new int[m];
        const int block = 256;
        var dots = new float[Math.Min(block, m) * n];
        for (int q0 = 0; q0 < m; q0 += block)
        {
            int rows = Math.Min(block, m - q0);
            Gemm.Sgemm(false, true, rows, n, d, 1f, q.AsSpan(q0 * d, rows * d), d, r, d, 0f, dots.AsSpan(0, rows * n), n);
            Parallel.For(0, rows, t =>
            {
                var row = dots.AsSpan(t * n, n);
                int best = 0;
                float bestValue = float.MaxValue;
                for (int j = 0; j < n; j++)
                {
                    float v = norms[j] - 2f * row[j];
                    if (v < bestValue) { bestValue = v; best = j; }
                }
                result[q0 + t] = best;
            });
        }
        return result;
    }
}
