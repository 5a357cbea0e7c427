using LatentWorkbench.Engine;
using LatentWorkbench.Interop;
using LatentWorkbench.FunctionalMaps;
using LatentWorkbench.Graphs;
using LatentWorkbench.Similarity;
using LatentWorkbench.Tests.Graphs;
using MathNet.Numerics.LinearAlgebra;

namespace LatentWorkbench.Tests.FunctionalMaps;

public class FunctionalMapTests
{
    private static Matrix<double> Random(int r, int c, int seed) =>
        Matrix<double>.Build.Random(r, c, new MathNet.Numerics.Distributions.Normal(0, 1, new Random(seed)));

    private static FunctionalMapObjective SmallObjective(out int k)
    {
        k = 6;
        var phiX = Random(30, 6, 1).QR().Q.SubMatrix(0, 30, 0, 6);
        var phiY = Random(25, 6, 2).QR().Q.SubMatrix(0, 25, 0, 6);
        var lx = Vector<double>.Build.DenseOfArray([0, 0.1, 0.2, 0.4, 0.5, 0.9]);
        var ly = Vector<double>.Build.DenseOfArray([0, 0.15, 0.2, 0.3, 0.6, 0.8]);
        var options = new FunctionalMapOptions { LaplacianWeight = 0.5, CommutativityWeight = 0.3 };
        return new FunctionalMapObjective(phiX, lx, Random(30, 3, 3), phiY, ly, Random(25, 3, 4), options);
    }

    [Fact]
    public void GradientMatchesFiniteDifferences()
    {
        var obj = SmallObjective(out int k);
        var c = Random(k, k, 5);
        var g = obj.Gradient(c);
        const double h = 1e-6;
        for (int i = 0; i < k; i++)
            for (int j = 0; j < k; j++)
            {
                var cp = c.Clone(); cp[i, j] += h;
                var cm = c.Clone(); cm[i, j] -= h;
                Assert.Equal((obj.Energy(cp) - obj.Energy(cm)) / (2 * h), g[i, j], 5);
            }
    }

    [Fact]
    public void CurvatureIsSecondDerivative()
    {
        var obj = SmallObjective(out int k);
        var c = Random(k, k, 6);
        var s = Random(k, k, 7);
        double e0 = obj.Energy(c), e1 = obj.Energy(c + s), em = obj.Energy(c - s);
        Assert.Equal(e1 + em - 2 * e0, obj.Curvature(s), 8);
    }

    [Fact]
    public void LbfgsReachesStationaryPointWithFixedColumn()
    {
        var obj = SmallObjective(out int k);
        var mask = Matrix<double>.Build.Dense(k, k, (_, j) => j == 0 ? 0 : 1);
        var (c, _) = Lbfgs.MinimizeQuadratic(obj.Gradient, obj.Curvature, Matrix<double>.Build.DenseIdentity(k), mask, 500, 1e-10);
        Assert.True(obj.Gradient(c).PointwiseMultiply(mask).FrobeniusNorm() < 1e-8);
        Assert.Equal(Matrix<double>.Build.DenseIdentity(k).Column(0), c.Column(0));
        Assert.True(obj.Energy(c) < obj.Energy(Matrix<double>.Build.DenseIdentity(k)));
    }

    [Theory]
    [InlineData(TransferKind.Linear)]
    [InlineData(TransferKind.Orthogonal)]
    [InlineData(TransferKind.Affine)]
    public void TransferRecoversExactMaps(TransferKind kind)
    {
        var x = Random(50, 4, 8);
        var r = Random(4, 4, 9).QR().Q;
        var bias = kind == TransferKind.Affine ? Vector<double>.Build.DenseOfArray([1, -2, 0.5, 3]) : Vector<double>.Build.Dense(4);
        var y = x * r;
        for (int i = 0; i < 50; i++) y.SetRow(i, y.Row(i) + bias);
        var t = LatentTransfer.Fit(x, y, kind);
        Assert.True((t.Apply(x) - y).FrobeniusNorm() < 1e-8);
    }

    [Fact]
    public void AlignmentFromFiveAnchorsRecoversRotatedPermutedSpace()
    {
        var x = Blobs(500, 8, 11);
        var mx = x.ToMatrix();
        var rot = Random(8, 8, 12).QR().Q;
        var perm = Enumerable.Range(0, 500).OrderBy(i => (i * 7919) % 500).ToArray();
        var my = Matrix<double>.Build.Dense(500, 8, (i, j) => (mx.Row(perm[i]) * rot)[j]);
        var bx = SpectralBasis.Build(x, 10, 40);
        var by = SpectralBasis.Build(my.ToTensor(), 10, 40);
        var inverse = new int[500];
        for (int i = 0; i < 500; i++) inverse[perm[i]] = i;
        var anchors = new[] { 3, 77, 150, 321, 499 }.Select(a => (a, inverse[a])).ToArray();
        var (transfer, map) = LatentAligner.Align(bx, by, anchors, TransferKind.Orthogonal,
            new FunctionalMapOptions { BasisSize = 20, ZoomOutTo = 40, ZoomOutSteps = 10 });
        var p2p = map.PointToPoint();
        double correct = Enumerable.Range(0, 500).Count(i => p2p[i] == perm[i]) / 500.0;
        Assert.True(correct > 0.8, $"point-to-point accuracy {correct}");
        var mapped = transfer.Apply(mx);
        var targets = Matrix<double>.Build.Dense(500, 8, (i, j) => my[inverse[i], j]);
        Assert.True(Retrieval.MeanReciprocalRank(mapped, targets) > 0.95);
        Assert.True(RepresentationSimilarity.Lfm(map.Coefficients) > 0.8);
    }

    [Fact]
    public void TooFewAnchorsAreRejected()
    {
        var b = SpectralBasis.Build(Blobs(60, 3, 1), 5, 10);
        var ex = Assert.Throws<ArgumentException>(() => LatentAligner.Align(b, b, [(0, 0)]));
        Assert.Contains("anchor", ex.Message);
    }

    [Fact]
    public void DescriptorsHaveExpectedShapesAndValues()
    {
        var p = Blobs(80, 3, 2);
        var b = SpectralBasis.Build(p, 6, 12);
        var geo = Descriptors.GeodesicMatrix(b.Adjacency, [5, 9]);
        Assert.Equal(1.0, geo[5, 0], 12);
        Assert.True(geo.Enumerate().All(v => v >= 0 && v <= 1));
        var cos = Descriptors.CosineMatrix(p.ToPoints(), [5]);
        Assert.Equal(0.0, cos[5, 0], 6);
        var hks = Descriptors.HeatKernelMatrix(b, 10);
        Assert.Equal(10, hks.ColumnCount);
        // At t -> 0 over the full basis HKS would be 1; over 12 vectors it is the diagonal of Phi Phi^T, bounded by 1.
        Assert.True(hks.Enumerate().All(v => v > 0 && v <= 1 + 1e-9));
        var wks = Descriptors.WaveKernelMatrix(b, 8);
        Assert.Equal(8, wks.ColumnCount);
        var labels = Enumerable.Range(0, 80).Select(i => i % 2).ToArray();
        var ind = Descriptors.LabelMatrix(b, labels, 2);
        // The constant lies in span(Phi) up to D^1/2 weighting, so filtered indicators still sum to roughly one per point.
        Assert.Equal(80, ind.RowCount);
        Assert.Throws<ArgumentOutOfRangeException>(() => Descriptors.GeodesicFromAnchors(b.Adjacency, [80]));
    }

    internal static Tensor Blobs(int n, int d, int seed)
    {
        var rng = new Random(seed);
        var centers = Enumerable.Range(0, 5).Select(_ => Enumerable.Range(0, d).Select(_ => rng.NextDouble() * 6 - 3).ToArray()).ToArray();
        var rows = new double[n][];
        for (int i = 0; i < n; i++)
        {
            var c = centers[i % 5];
            double scale = 0.5 + 0.3 * (i % 5);
            rows[i] = c.Select(v => v + scale * (rng.NextDouble() * 2 - 1)).ToArray();
        }
        return TensorInterop.ToPoints(rows).ToTensor();
    }
}
