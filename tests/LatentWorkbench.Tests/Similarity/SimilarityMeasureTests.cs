using LatentWorkbench.Engine;
using LatentWorkbench.Interop;
using LatentWorkbench.FunctionalMaps;
using LatentWorkbench.Graphs;
using LatentWorkbench.Similarity;
using LatentWorkbench.Tests.Graphs;
using MathNet.Numerics.LinearAlgebra;

namespace LatentWorkbench.Tests.Similarity;

public class SimilarityMeasureTests
{
    private static readonly System.Text.Json.Nodes.JsonNode F = LfmFixtures.Load("similarity.json");
    private static Tensor X => LfmFixtures.Points(F, "x", 40, 6);
    private static Tensor Y => LfmFixtures.Points(F, "y", 40, 5);
    private static double Ref(string key) => F[key]!.GetValue<double>();

    [Fact] public void LinearCkaMatchesKornblith() => Assert.Equal(Ref("linear_cka"), Cka.Linear(X, Y), 5);
    [Fact] public void RbfCkaMatchesKornblith() => Assert.Equal(Ref("rbf_cka"), Cka.Rbf(X, Y, Ref("rbf_threshold")), 5);
    [Fact] public void DebiasedCkaMatchesKornblith() => Assert.Equal(Ref("debiased_cka"), Cka.Debiased(X, Y), 5);
    [Fact] public void SvccaMatchesNumpy() => Assert.Equal(Ref("svcca"), Cca.Svcca(X, Y), 5);
    [Fact] public void PwccaMatchesNumpy() => Assert.Equal(Ref("pwcca"), Cca.Pwcca(X, Y), 5);
    [Fact] public void ProcrustesMatchesNumpy() => Assert.Equal(Ref("procrustes"), RepresentationSimilarity.ProcrustesDistance(X, Y), 5);

    [Fact]
    public void MeasuresAreInvariantToRotationAndScale()
    {
        var x = X;
        var q = Matrix<double>.Build.Random(6, 6, new MathNet.Numerics.Distributions.Normal(0, 1, new Random(3))).QR().Q;
        var rotated = (3.0 * x.ToMatrix() * q).ToTensor();
        Assert.Equal(1.0, Cka.Linear(x, rotated), 6);
        Assert.Equal(1.0, Cka.Debiased(x, rotated), 6);
        Assert.Equal(1.0, Cca.Svcca(x, rotated), 6);
        Assert.Equal(0.0, RepresentationSimilarity.ProcrustesDistance(x, rotated), 4);
        Assert.Equal(1.0, RepresentationSimilarity.MutualKnn(x, rotated, 5), 10);
        Assert.Equal(1.0, RepresentationSimilarity.Lfm(q), 10);
    }

    [Fact]
    public void LfmLayerMatrixMatchesPairwiseLfm()
    {
        var a = new[] { LfmFixtures.Gaussian(150, 4, 1).ToTensor(), LfmFixtures.Gaussian(150, 6, 2).ToTensor() };
        var b = new[] { a[0], LfmFixtures.Gaussian(150, 5, 3).ToTensor() };
        var m = LayerSimilarity.LfmMatrix(a, b, neighbors: 10, eigenpairs: 20);
        Assert.Equal(1.0, m[0, 0], 6);  // the same layer on both sides (float32)
        for (int i = 0; i < 2; i++)
            for (int j = 0; j < 2; j++)
                Assert.Equal((float)RepresentationSimilarity.LfmPaired(a[i], b[j], 10, 20), m[i, j]);  // one rounding to float32
        Assert.True(m[1, 1] < 0.99);
        Assert.Throws<ArgumentException>(() => LayerSimilarity.LfmMatrix(a, [LfmFixtures.Gaussian(100, 4, 4).ToTensor()]));
    }

    [Fact]
    public void LfmSimilarityPenalisesNonIsometricMaps()
    {
        var c = Matrix<double>.Build.DenseIdentity(4);
        c[0, 1] = 1.0;
        double expectedOff = Math.Sqrt(2.0);
        var m = c.TransposeThisAndMultiply(c);
        Assert.Equal(1 - expectedOff / m.FrobeniusNorm(), RepresentationSimilarity.Lfm(c), 12);
    }

    [Fact]
    public void MismatchedPointCountsAreRejected()
    {
        var y = LfmFixtures.Gaussian(39, 5, 1).ToTensor();
        var ex = Assert.Throws<ArgumentException>(() => Cka.Linear(X, y));
        Assert.Contains("40", ex.Message);
        Assert.Contains("39", ex.Message);
    }

    [Fact]
    public void LayerMatrixAppliesMeasure()
    {
        var s = LayerSimilarity.Matrix([X, Y], [X], Cka.Linear);
        Assert.Equal(1.0, s[0, 0], 6);
        Assert.Equal((float)Cka.Linear(Y, X), s[1, 0]);
        Assert.Equal(Ref("linear_cka"), s[1, 0], 5);
    }

    [Fact]
    public void RetrievalRanksByCosine()
    {
        var t = Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 0 }, { 0, 1 }, { 1, 1 } });
        var q = Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 0.1 }, { 1, 0.9 }, { 1, 1.2 } });
        var ranks = Retrieval.Ranks(q, t);
        // Query 1 is closer in angle to targets 2 and 0 than to its own target 1.
        Assert.Equal([1, 3, 1], ranks);
        Assert.Equal((1 + 1 / 3.0 + 1) / 3.0, Retrieval.MeanReciprocalRank(q, t), 12);
        Assert.Equal(2 / 3.0, Retrieval.TopK(q, t, 1), 12);
        Assert.Equal(2 / 3.0, Retrieval.MeanReciprocalRank(q, t, cutoff: 1), 12);
    }
}
