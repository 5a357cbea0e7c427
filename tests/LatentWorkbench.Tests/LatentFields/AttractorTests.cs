using LatentWorkbench.Figures;
using LatentWorkbench.LatentFields;
using LatentWorkbench.Progress;

namespace LatentWorkbench.Tests.LatentFields;

public class AttractorTests
{
    static AttractorTests() => ProgressBar.Enabled = false;

    [Fact]
    public void EuclideanAndCosineRulesDifferWhereTheyShould()
    {
        // Same direction, far apart: one group by cosine, two by distance. Close but opposite: two by cosine.
        float[] points = [1f, 0f, 10f, 0.05f, 1.01f, 0f, -0.001f, 0f, 0.001f, 0f];
        var (eucReps, eucLabels) = Deduplication.Merge(points, 2, DedupRule.Euclidean, 0.1);
        Assert.Equal([0, 1, 0, 2, 2], eucLabels);
        Assert.Equal(6, eucReps.Length);
        var (_, cosLabels) = Deduplication.Merge(points, 2, DedupRule.Cosine, 0.99);
        Assert.Equal([0, 0, 0, 1, 0], cosLabels);
        var (_, masked) = Deduplication.Merge(points, 2, DedupRule.Euclidean, 0.1, [true, false, true, true, true]);
        Assert.Equal([0, -1, 0, 1, 1], masked);
    }

    [Fact]
    public void JacobianSpectrumMatchesClosedForm()
    {
        // f(z) = A z + b with A upper triangular: eigenvalues are the diagonal, sigma_max has a closed form.
        double a = 0.5, c = 0.9, d = -0.3;
        var model = new LinearAutoencoder(new double[,] { { a, c }, { 0, d } }, [1.0, 1.0]);
        var map = new LatentMap(model);
        var result = AttractorFinder.Find(map, LatentStarts.Grid((-8, 8), (-8, 8), 5, 5));
        Assert.Equal(1, result.Count);
        Assert.All(result.Basins, b => Assert.Equal(0, b));
        // Fixed point: (I - A) z = b.
        double z2 = 1 / (1 - d), z1 = (1 + c * z2) / (1 - a);
        Assert.Equal(z1, result.Attractor(0)[0], 1e-3);
        Assert.Equal(z2, result.Attractor(0)[1], 1e-3);

        var s = result.Stability[0];
        var moduli = s.Eigenvalues.Select(e => e.Magnitude).ToArray();
        Assert.Equal(0.5, moduli[0], 1e-5);
        Assert.Equal(0.3, moduli[1], 1e-5);
        Assert.Equal(0.5, s.SpectralRadius, 1e-5);
        double fro2 = a * a + c * c + d * d, det = a * d;
        double sigma = Math.Sqrt((fro2 + Math.Sqrt(fro2 * fro2 - 4 * det * det)) / 2);
        Assert.Equal(sigma, s.MaxSingularValue, 1e-5);
        Assert.True(s.IsAttractor);
    }

    [Fact]
    public void TwoBasinsOfASaturatingMap()
    {
        // f(z) = 2 tanh(z): fixed points at 0 (unstable, f' = 2) and +-1.915 (stable, f' = 2 (1 - tanh^2)).
        var model = new LinearAutoencoder(new double[,] { { 2 } }, [0.0], tanhDecoder: true);
        var map = new LatentMap(model);
        float[] starts = [-3f, -0.5f, 0.2f, 4f, 1f];
        var result = AttractorFinder.Find(map, starts);
        Assert.Equal(2, result.Count);
        Assert.Equal([0, 0, 1, 1, 1], result.Basins);
        Assert.Equal([2, 3], result.BasinSizes);
        double star = 1.9150080;
        Assert.Equal(-star, result.Attractor(0)[0], 1e-3);
        Assert.Equal(star, result.Attractor(1)[0], 1e-3);
        double slope = 2 * (1 - Math.Pow(Math.Tanh(star), 2));
        Assert.Equal(slope, result.Stability[1].SpectralRadius, 1e-3);
        Assert.True(result.StableFraction == 1.0);
        Assert.NotNull(LatentFieldFigures.Attractors(result).ToJson());
    }

    [Fact]
    public void OrthogonalStartsAreOrthogonal()
    {
        var z = LatentStarts.OrthogonalGaussian(4, 6, seed: 3);
        for (int i = 0; i < 4; i++)
            for (int j = 0; j < i; j++)
            {
                double dot = 0;
                for (int c = 0; c < 6; c++) dot += z[i * 6 + c] * z[j * 6 + c];
                Assert.Equal(0, dot, 1e-4);
            }
        Assert.Equal(z, LatentStarts.OrthogonalGaussian(4, 6, seed: 3));
    }
}

public class ChamferTests
{
    [Fact]
    public void ChamferSimilarityOfKnownSets()
    {
        // A = {x, y}, B = {x}: A->B averages cos(x,x)=1 and cos(y,x)=0; B->A is 1; symmetric mean 0.75.
        float[] a = [1, 0, 0, 1];
        float[] b = [2, 0];
        Assert.Equal(0.75, AttractorTrackingCallback.ChamferSimilarity(a, b, 2), 1e-6);
        Assert.Equal(1.0, AttractorTrackingCallback.ChamferSimilarity(a, a, 2), 1e-6);
    }
}

public class DeduplicationTests
{
    /// <summary>The plain greedy rule: each point joins the earliest representative within the radius.</summary>
    private static int[] BruteForce(float[] points, int k, double radius)
    {
        var reps = new List<int>();
        var labels = new int[points.Length / k];
        for (int i = 0; i < labels.Length; i++)
        {
            labels[i] = -1;
            for (int r = 0; r < reps.Count && labels[i] < 0; r++)
            {
                double d2 = 0;
                for (int c = 0; c < k; c++) { double d = points[i * k + c] - points[reps[r] * k + c]; d2 += d * d; }
                if (Math.Sqrt(d2) < radius) labels[i] = r;
            }
            if (labels[i] < 0) { labels[i] = reps.Count; reps.Add(i); }
        }
        return labels;
    }

    [Theory]
    [InlineData(2, 0.1)]
    [InlineData(16, 0.5)]
    [InlineData(128, 2.0)]
    public void EuclideanMergeMatchesTheBruteForceGreedyRule(int k, double radius)
    {
        // Clusters of near-duplicates around centres with very different norms, plus isolated points.
        var g = new Random(k);
        var centres = LatentStarts.Gaussian(60, k, seed: (ulong)k);
        for (int i = 0; i < centres.Length; i++) centres[i] *= 1 + (i / k) % 7;
        var points = new List<float>();
        for (int i = 0; i < 1500; i++)
        {
            int c = g.Next(60);
            double spread = g.NextDouble() < 0.8 ? radius / (3 * Math.Sqrt(k)) : radius;
            for (int j = 0; j < k; j++) points.Add(centres[c * k + j] + (float)(spread * (g.NextDouble() * 2 - 1)));
        }
        var p = points.ToArray();
        var expected = BruteForce(p, k, radius);
        var (reps, labels) = Deduplication.Merge(p, k, DedupRule.Euclidean, radius);
        Assert.Equal(expected, labels);
        Assert.Equal(expected.Max() + 1, reps.Length / k);
        Assert.InRange(reps.Length / k, 60, 1499); // merges happened, and not everything merged
    }
}
