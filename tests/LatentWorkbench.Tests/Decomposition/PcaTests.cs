using System.Text.Json.Nodes;
using LatentWorkbench.Decomposition;
using LatentWorkbench.Engine;

namespace LatentWorkbench.Tests.Decomposition;

/// <summary>Pca against tests/fixtures/decomposition/pca.json (numpy SVD with scikit-learn's sign and variance conventions).</summary>
public class PcaTests
{
    private static readonly JsonNode F = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "fixtures", "decomposition", "pca.json")))!;
    private static int N => F["n"]!.GetValue<int>();
    private static int D => F["d"]!.GetValue<int>();
    private static int P => F["p"]!.GetValue<int>();
    private static double[] Doubles(string key) => F[key]!.AsArray().Select(v => v!.GetValue<double>()).ToArray();
    private static Tensor X => Tensor.FromArray(Doubles("x"), N, D);

    [Theory]
    [InlineData(PcaPrecision.Double, 1e-6)]
    [InlineData(PcaPrecision.Single, 1e-3)]
    public void MatchesScikitLearnConventions(PcaPrecision precision, double tolerance)
    {
        var pca = new Pca(new PcaOptions { Components = P, Precision = precision }).Fit(X);
        Assert.Equal([P, D], pca.Components.Shape);
        Assert.Equal([D], pca.Mean.Shape);
        var components = pca.Components.ToArray();
        var expected = Doubles("components");
        for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], components[i], tolerance);
        var mean = pca.Mean.ToArray();
        var expectedMean = Doubles("mean");
        for (int j = 0; j < D; j++) Assert.Equal(expectedMean[j], mean[j], 1e-5);
        var variance = Doubles("explained_variance");
        for (int k = 0; k < P; k++) Assert.Equal(variance[k], pca.ExplainedVariance[k], variance[k] * tolerance);
        var transformed = pca.Transform(X);
        Assert.Equal([N, P], transformed.Shape);
        var t = transformed.ToArray();
        var expectedT = Doubles("transformed");
        for (int i = 0; i < expectedT.Length; i++) Assert.Equal(expectedT[i], t[i], 1e-3);
    }

    [Fact]
    public void AsSolvedSignsDifferOnlyBySign()
    {
        var fixedSign = new Pca(new PcaOptions { Components = P }).Fit(X).Components.ToArray();
        var asSolved = new Pca(new PcaOptions { Components = P, Sign = PcaSign.AsSolved }).Fit(X).Components.ToArray();
        for (int k = 0; k < P; k++)
        {
            double dot = 0;
            for (int j = 0; j < D; j++) dot += fixedSign[k * D + j] * asSolved[k * D + j];
            Assert.Equal(1.0, Math.Abs(dot), 1e-5);
        }
    }

    [Fact]
    public void WithoutCentringTheMeanIsZeroAndTheOffsetDominates()
    {
        // Data far from the origin along e_0: the uncentred second moment's top direction is the offset itself.
        var data = new float[100 * 3];
        var rng = new Random(1);
        for (int i = 0; i < 100; i++) { data[i * 3] = 50 + (float)rng.NextDouble(); data[i * 3 + 1] = (float)rng.NextDouble(); data[i * 3 + 2] = (float)rng.NextDouble(); }
        var pca = new Pca(new PcaOptions { Components = 1, Center = false }).Fit(Tensor.FromArray(data, 100, 3));
        Assert.All(pca.Mean.ToArray(), v => Assert.Equal(0f, v));
        Assert.True(pca.Components.ToArray()[0] > 0.99);
    }

    [Fact]
    public void RejectsTooManyComponents()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Pca(new PcaOptions { Components = D + 1 }).Fit(X));
    }
}
