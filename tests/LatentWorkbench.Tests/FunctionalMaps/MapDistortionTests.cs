using LatentWorkbench.Interop;
using LatentWorkbench.Figures;
using LatentWorkbench.FunctionalMaps;
using LatentWorkbench.Graphs;
using MathNet.Numerics.LinearAlgebra;

namespace LatentWorkbench.Tests.FunctionalMaps;

public class MapDistortionTests
{
    private static Matrix<double> Basis(int n, int k, int seed) =>
        Matrix<double>.Build.Random(n, k, new MathNet.Numerics.Distributions.Normal(0, 1, new Random(seed))).QR().Q.SubMatrix(0, n, 0, k);

    [Fact]
    public void OrthogonalMapHasNoDistortion()
    {
        var phi = Basis(30, 5, 1);
        var q = Basis(5, 5, 2);
        var r = MapDistortion.Compute(q, phi);
        Assert.All(r.PerPoint, v => Assert.True(Math.Abs(v) < 1e-12));
        Assert.True(Math.Abs(r.LeadingEigenvalue) < 1e-12);
    }

    [Fact]
    public void ScalingOneFunctionLocalisesOnIt()
    {
        // C = diag(1, 1, 1, s): C^T C - I = diag(0, 0, 0, s^2 - 1), so the per-point distortion is |s^2 - 1| phi_3(x)^2
        // and the leading function is +-phi_3.
        var phi = Basis(25, 4, 3);
        var c = Matrix<double>.Build.DenseDiagonal(4, 4, i => i == 3 ? 0.5 : 1.0);
        var r = MapDistortion.Compute(c, phi);
        Assert.Equal(0.25 - 1, r.LeadingEigenvalue, 12);
        for (int i = 0; i < 25; i++)
        {
            Assert.Equal(0.75 * phi[i, 3] * phi[i, 3], r.PerPoint[i], 12);
            Assert.Equal(Math.Abs(phi[i, 3]), Math.Abs(r.LeadingFunction[i]), 12);
        }
        Assert.Throws<ArgumentException>(() => MapDistortion.Compute(c, Basis(25, 3, 4)));
    }

    [Fact]
    public void ShiftedClusterCarriesTheDistortion()
    {
        // Five separated clusters; cluster 2 moves far along its classifier normal. The identity-induced map
        // between the two graphs must put the distortion on cluster 2.
        var rng = new Random(8);
        const int n = 400, d = 6;
        var centres = Enumerable.Range(0, 5).Select(_ => Enumerable.Range(0, d).Select(_ => rng.NextDouble() * 8 - 4).ToArray()).ToArray();
        var labels = new int[n];
        var rows = new double[n][];
        for (int i = 0; i < n; i++)
        {
            labels[i] = i % 5;
            rows[i] = centres[labels[i]].Select(v => v + 0.6 * (rng.NextDouble() * 2 - 1)).ToArray();
        }
        var points = TensorInterop.ToPoints(rows).ToTensor();
        var r = LfmPerturbation.Distortion(points, labels, 2, 20.0, neighbors: 15, eigenpairs: 30);
        Assert.Equal(2, r.MostDistortedClass(labels, 5));
        var mean = r.PerClassMean(labels, 5);
        Assert.True(mean[2] > 2 * mean.Where((_, c) => c != 2).Max(), string.Join(", ", mean));
        Assert.Equal(2, MapFigures.Distortion(r, labels, 5).Traces.Count);
    }
}
