using LatentWorkbench.Graphs;

namespace LatentWorkbench.Tests.Graphs;

public class SparseMatrixMultiplyTests
{
    [Theory]
    [InlineData(50)]    // one thread, row by row
    [InlineData(5000)]  // the parallel path
    public void MultiplyMatchesTheDenseProduct(int n)
    {
        // Rows of 0..12 entries cover the gathered blocks of four and the scalar tails.
        var rng = new Random(7);
        var entries = new List<(int, int, double)>();
        for (int i = 0; i < n; i++)
        {
            int count = i % 13;
            for (int e = 0; e < count; e++) entries.Add((i, rng.Next(n), rng.NextDouble() - 0.5));
        }
        var a = SparseMatrix.FromTriplets(n, entries);
        var x = Enumerable.Range(0, n).Select(_ => rng.NextDouble() - 0.5).ToArray();
        var y = new double[n];
        a.Multiply(x, y);
        var expected = new double[n];
        foreach (var (r, c, v) in entries) expected[r] += v * x[c];
        for (int i = 0; i < n; i++) Assert.Equal(expected[i], y[i], 12);
    }

    [Fact]
    public void MultiplyRejectsIndicesOutsideTheMatrix()
    {
        var a = new SparseMatrix(3, [0, 1, 2, 3], [0, 1, 2], [1.0, 2.0, 3.0]);
        a.ColumnIndices[1] = 3; // the arrays are public, so they can be broken after construction
        var e = Assert.Throws<InvalidOperationException>(() => a.Multiply(new double[3], new double[3]));
        Assert.Contains("column index", e.Message);
        a.ColumnIndices[1] = 1;
        a.RowPointers[1] = 5;
        e = Assert.Throws<InvalidOperationException>(() => a.Multiply(new double[3], new double[3]));
        Assert.Contains("row pointer 1", e.Message);
    }
}
