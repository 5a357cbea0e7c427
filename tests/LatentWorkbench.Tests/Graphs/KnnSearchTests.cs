using LatentWorkbench.Graphs;

namespace LatentWorkbench.Tests.Graphs;

public class KnnSearchTests
{
    [Theory]
    [InlineData(DistanceMetric.Euclidean)]
    [InlineData(DistanceMetric.Cosine)]
    public void MatchesBruteForce(DistanceMetric metric)
    {
        var p = LfmFixtures.Gaussian(700, 7, 1);
        var knn = KnnSearch.Search(p, 9, metric);
        for (int i = 0; i < p.Count; i += 13)
        {
            var brute = Enumerable.Range(0, p.Count).Where(j => j != i)
                .Select(j => (j, d: Distance(p, i, j, metric))).OrderBy(t => t.d).Take(9).ToArray();
            for (int t = 0; t < 9; t++)
            {
                Assert.Equal(brute[t].j, knn.Indices[i * 9 + t]);
                Assert.Equal(brute[t].d, knn.Distances[i * 9 + t], 1e-4);
            }
        }
    }

    [Fact]
    public void RejectsBadInput()
    {
        var p = LfmFixtures.Gaussian(10, 3, 2);
        Assert.Throws<ArgumentOutOfRangeException>(() => KnnSearch.Search(p, 10));
        var data = new float[12];
        data[5] = float.NaN;
        var ex = Assert.Throws<ArgumentException>(() => new PointSet(data, 4, 3, "latents"));
        Assert.Contains("latents", ex.Message);
        Assert.Contains("point 1", ex.Message);
    }

    [Fact]
    public void GraphKernelsAreSymmetricWithExpectedWeights()
    {
        var p = LfmFixtures.Gaussian(200, 4, 3);
        var knn = KnnSearch.Search(p, 6, DistanceMetric.Euclidean);
        foreach (var kernel in Enum.GetValues<GraphKernel>())
        {
            var w = KnnGraph.FromNeighbors(knn, kernel);
            var dense = w.ToDense();
            for (int i = 0; i < 200; i++)
                for (int j = 0; j < 200; j++) Assert.Equal(dense[i, j], dense[j, i], 12);
        }
        var g = KnnGraph.FromNeighbors(knn, GraphKernel.Gaussian).ToDense();
        // Edge i -> its first neighbour j: weight is the average of both directed gaussian weights.
        int a = 0, b = knn.Indices[0];
        double dk = knn.Distances[5], d = knn.Distances[0];
        double back = Enumerable.Range(0, 6).Any(t => knn.Indices[b * 6 + t] == a) ? Math.Exp(-4 * d * d / Math.Pow(knn.Distances[b * 6 + 5], 2)) : 0;
        Assert.Equal((Math.Exp(-4 * d * d / (dk * dk)) + back) / 2, g[a, b], 5);
        var u = KnnGraph.FromNeighbors(knn, GraphKernel.Uniform);
        Assert.All(u.Values, v => Assert.Equal(1.0, v));
    }

    private static double Distance(PointSet p, int i, int j, DistanceMetric metric)
    {
        double dot = 0, ni = 0, nj = 0, sq = 0;
        for (int c = 0; c < p.Dim; c++)
        {
            double a = p.Data[i * p.Dim + c], b = p.Data[j * p.Dim + c];
            dot += a * b; ni += a * a; nj += b * b; sq += (a - b) * (a - b);
        }
        return metric == DistanceMetric.Euclidean ? Math.Sqrt(sq) : 1 - dot / Math.Sqrt(ni * nj);
    }
}
