using LatentWorkbench.Interop;
using LatentWorkbench.FunctionalMaps;
using LatentWorkbench.Graphs;
using LatentWorkbench.Similarity;
using MathNet.Numerics.LinearAlgebra;

namespace LatentWorkbench.Tests.FunctionalMaps;

/// <summary>End-to-end sanity checks of the LFM pipeline on spaces whose true correspondence is known.</summary>
public class LfmPipelineTests
{
    private static Matrix<double> Gaussian(int r, int c, int seed) =>
        Matrix<double>.Build.Random(r, c, new MathNet.Numerics.Distributions.Normal(0, 1, new Random(seed)));

    /// <summary>
    /// A connected, curved 2-D sheet (a rolled strip with ripples) whose 12 nonlinear features are mixed into 12
    /// dimensions: intrinsically 2-D, but spanning every direction, so a few anchors cannot pin a rotation down.
    /// </summary>
    private static Matrix<double> Sheet(int n, int seed)
    {
        var rng = new Random(seed);
        var lift = Gaussian(12, 12, seed + 1);
        var x = Matrix<double>.Build.Dense(n, 12);
        for (int i = 0; i < n; i++)
        {
            double u = 1.5 + 3 * rng.NextDouble(), v = 2 * rng.NextDouble();
            double[] f = [u * Math.Cos(u), u * Math.Sin(u), v, 0.3 * Math.Sin(3 * v), Math.Sin(u), 0.5 * Math.Cos(2 * u),
                0.5 * Math.Sin(u + v), 0.5 * Math.Cos(v), 0.2 * u * v, 0.5 * Math.Sin(2 * u), 0.5 * Math.Cos(u - v), 0.3 * v * v];
            for (int j = 0; j < 12; j++)
                for (int t = 0; t < 12; t++) x[i, j] += f[t] * lift[t, j];
        }
        return x;
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.01)]
    public void FiveAnchorsAlignARotatedManifold(double noise)
    {
        // Y = X Q (+ noise): the graphs agree up to the noise, so LFM from 5 anchors must find the correspondence
        // and the retrieval must be near perfect, where Procrustes on 5 anchors in 12 dimensions cannot be.
        const int n = 600;
        var x = Sheet(n, 5);
        var y = x * Gaussian(12, 12, 6).QR().Q + noise * Gaussian(n, 12, 7);
        var curve = LfmRetrieval.Run(x.ToTensor(), y.ToTensor(), [5, 25], seed: 3);
        Assert.True(curve[0].Lfm > 0.95, $"LFM MRR from 5 anchors {curve[0].Lfm:F3}");
        Assert.True(curve[1].Lfm > 0.95, $"LFM MRR from 25 anchors {curve[1].Lfm:F3}");
        Assert.True(curve[0].Lfm > curve[0].Procrustes + 0.1, $"LFM {curve[0].Lfm:F3} vs Procrustes {curve[0].Procrustes:F3} at 5 anchors");
    }

    [Fact]
    public void PointToPointMapOfARotatedManifoldIsMostlyExact()
    {
        const int n = 500;
        var x = Sheet(n, 9);
        var y = x * Gaussian(12, 12, 10).QR().Q;
        var bx = SpectralBasis.Build(x.ToTensor(), 30, 50, DistanceMetric.Euclidean);
        var by = SpectralBasis.Build(y.ToTensor(), 30, 50, DistanceMetric.Euclidean);
        var anchors = LfmRetrieval.Anchors(n, 5, 1).Select(a => (a, a)).ToArray();
        var (transfer, map) = LatentAligner.Align(bx, by, anchors, TransferKind.Rigid, LfmRetrieval.DefaultOptions());
        var p2p = map.PointToPoint();
        Assert.True(p2p.Where((s, i) => s == i).Count() > 0.9 * n, $"{p2p.Where((s, i) => s == i).Count()} of {n} exact");
        var mutual = map.MutualMatches();
        Assert.True(mutual.Length > 0.9 * n && mutual.All(p => p.X == p.Y), $"{mutual.Length} reciprocal matches, {mutual.Count(p => p.X != p.Y)} wrong");
        Assert.True((transfer.Apply(x) - y).FrobeniusNorm() < 1e-6 * y.FrobeniusNorm());
    }

    [Fact]
    public void PointToPointRecoversARotationOfACycle()
    {
        // On a ring the Laplacian's eigenvectors are cos/sin pairs and a rotation by s nodes induces a map made of
        // 2 x 2 rotations, which is not symmetric: converting it back must give i -> i + s, not its inverse i -> i - s.
        const int n = 60, s = 7;
        var ring = TensorInterop.ToPoints(Enumerable.Range(0, n).Select(i => new[] { Math.Cos(2 * Math.PI * i / n), Math.Sin(2 * Math.PI * i / n) }).ToArray());
        var b = SpectralBasis.Build(ring, 2, 9, DistanceMetric.Euclidean);
        var shift = Enumerable.Range(0, n).Select(i => (i + s) % n).ToArray();  // target point i comes from source point i + s
        var c = ZoomOut.Induced(new FunctionalMap(Matrix<double>.Build.DenseIdentity(9), b, b), shift, 9);
        Assert.True((c - c.Transpose()).FrobeniusNorm() > 0.5, "the induced map should not be symmetric");
        Assert.Equal(shift, new FunctionalMap(c, b, b).PointToPoint());
    }

    [Fact]
    public void MutualMatchesOfTheIdentityMapAreAllPoints()
    {
        var b = SpectralBasis.Build(FunctionalMapTests.Blobs(120, 3, 4), 8, 20);
        var map = new FunctionalMap(Matrix<double>.Build.DenseIdentity(20), b, b);
        var pairs = map.MutualMatches();
        Assert.Equal(120, pairs.Length);
        Assert.All(pairs, p => Assert.Equal(p.X, p.Y));
    }

    [Fact]
    public void RigidTransferRecoversRotationPlusOffset()
    {
        var x = Gaussian(40, 5, 1);
        var q = Gaussian(5, 5, 2).QR().Q;
        var offset = Vector<double>.Build.DenseOfArray([3, -1, 0.5, 2, -4]);
        var y = x * q;
        for (int i = 0; i < y.RowCount; i++) y.SetRow(i, y.Row(i) + offset);
        var t = LatentTransfer.Fit(x, y, TransferKind.Rigid);
        Assert.True((t.Weights - q).FrobeniusNorm() < 1e-9);
        Assert.True((t.Offset - offset).L2Norm() < 1e-9);
        // The orthogonal fit, which has no translation, cannot represent the offset.
        Assert.True((LatentTransfer.Fit(x, y, TransferKind.Orthogonal).Apply(x) - y).FrobeniusNorm() > 1);
    }

    [Fact]
    public void LaplacianTermIsNormalisedBySumOfSquaredEigenvalueDifferences()
    {
        // With only the Laplacian term, E(C) = w/2 sum_ij C_ij^2 (mu_i - lambda_j)^2 / sum_ij (mu_i - lambda_j)^2 (pyFM, lfmap).
        var phi = Gaussian(20, 3, 3).QR().Q.SubMatrix(0, 20, 0, 3);
        var lx = Vector<double>.Build.DenseOfArray([0, 0.2, 0.5]);
        var ly = Vector<double>.Build.DenseOfArray([0, 0.3, 0.7]);
        var options = new FunctionalMapOptions { DescriptorWeight = 0, CommutativityWeight = 0, LaplacianWeight = 2.0 };
        var obj = new FunctionalMapObjective(phi, lx, Gaussian(20, 2, 4), phi, ly, Gaussian(20, 2, 5), options);
        var c = Gaussian(3, 3, 6);
        double num = 0, den = 0;
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++)
            {
                double d = (ly[i] - lx[j]) * (ly[i] - lx[j]);
                num += c[i, j] * c[i, j] * d;
                den += d;
            }
        Assert.Equal(2.0 / 2 * num / den, obj.Energy(c), 12);
    }
}
