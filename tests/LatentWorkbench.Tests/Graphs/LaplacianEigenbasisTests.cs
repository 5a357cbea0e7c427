using LatentWorkbench.Graphs;

namespace LatentWorkbench.Tests.Graphs;

public class LaplacianEigenbasisTests
{
    [Theory]
    [InlineData("dense")]
    [InlineData("sparse")]
    public void EigenvaluesMatchScipy(string which)
    {
        var f = LfmFixtures.Load("laplacian.json")[which]!;
        int n = f["n"]!.GetValue<int>(), d = f["d"]!.GetValue<int>(), k = f["k"]!.GetValue<int>();
        var expected = LfmFixtures.Doubles(f["eigenvalues"]!);
        var w = KnnGraph.Build(LfmFixtures.Points(f, "points", n, d), k, DistanceMetric.Euclidean, GraphKernel.Uniform);
        var basis = LaplacianEigenbasis.Compute(w, expected.Length, seed: 3);
        for (int j = 0; j < expected.Length; j++) Assert.Equal(expected[j], basis.Eigenvalues[j], 6);
        AssertOrthonormalEigenvectors(w, basis);
    }

    [Fact]
    public void DisconnectedGraphIsSolvedPerComponent()
    {
        var a = LfmFixtures.Gaussian(120, 3, 4);
        var b = LfmFixtures.Gaussian(80, 3, 5, offset: 100);
        var data = a.Data.Concat(b.Data).ToArray();
        var w = KnnGraph.Build(new PointSet(data, 200, 3), 5, DistanceMetric.Euclidean, GraphKernel.Uniform);
        var basis = LaplacianEigenbasis.Compute(w, 6);
        Assert.Equal(2, basis.ComponentCount);
        Assert.Equal(0.0, basis.Eigenvalues[0], 10);
        Assert.Equal(0.0, basis.Eigenvalues[1], 10);
        Assert.True(basis.Eigenvalues[2] > 1e-3);
        // Each null vector lives on one component.
        for (int j = 0; j < 2; j++)
        {
            bool onA = Math.Abs(basis[0, j]) > 0, onB = Math.Abs(basis[150, j]) > 0;
            Assert.True(onA ^ onB);
        }
        AssertOrthonormalEigenvectors(w, basis);
    }

    [Fact]
    public void LanczosFindsLargestEigenvaluesOfDiagonalOperator()
    {
        int n = 3000;
        var diag = Enumerable.Range(0, n).Select(i => Math.Sin(i * 0.37) * 0.5 + i / (double)n).ToArray();
        var (values, vectors) = LanczosEigensolver.Largest((x, y) => { for (int i = 0; i < n; i++) y[i] = diag[i] * x[i]; }, n, 15, 1e-10, 9);
        var expected = diag.OrderByDescending(v => v).Take(15).ToArray();
        for (int t = 0; t < 15; t++) Assert.Equal(expected[t], values[t], 8);
        int top = Array.IndexOf(diag, expected[0]);
        Assert.Equal(1.0, Math.Abs(vectors[top]), 6);
    }

    private static void AssertOrthonormalEigenvectors(SparseMatrix w, LaplacianEigenbasis basis)
    {
        var lap = GraphLaplacian.SymmetricNormalized(w);
        int n = basis.Count, k = basis.K;
        var col = new double[n];
        var lcol = new double[n];
        for (int j = 0; j < k; j++)
        {
            for (int i = 0; i < n; i++) col[i] = basis[i, j];
            lap.Multiply(col, lcol);
            double res = 0, maxAbs = 0;
            int arg = 0;
            for (int i = 0; i < n; i++)
            {
                res += Math.Pow(lcol[i] - basis.Eigenvalues[j] * col[i], 2);
                if (Math.Abs(col[i]) > maxAbs + 1e-12) { maxAbs = Math.Abs(col[i]); arg = i; }
            }
            Assert.True(Math.Sqrt(res) < 1e-5, $"residual of eigenpair {j}: {Math.Sqrt(res)}");
            Assert.True(col[arg] > 0, "sign convention: largest entry positive");
            if (j > 0) Assert.True(basis.Eigenvalues[j] >= basis.Eigenvalues[j - 1] - 1e-12);
            for (int m = 0; m <= j; m++)
            {
                double dot = 0;
                for (int i = 0; i < n; i++) dot += basis[i, m] * col[i];
                Assert.Equal(m == j ? 1.0 : 0.0, dot, 6);
            }
        }
    }
}
