using LatentWorkbench.Engine;
using LatentWorkbench.LatentFields;

namespace LatentWorkbench.Tests.LatentFields;

public class MemorizationTests
{
    [Fact]
    public void MaxCosineFindsTheClosestTrainingDirection()
    {
        var train = Tensor.FromArray(new float[] { 1, 0, 0, 0, 1, 0, 0, 0, 1 }, 3, 3);
        // A scaled copy of a training image memorises perfectly; (1, 1, 0) is 45 degrees from two of them.
        var queries = Tensor.FromArray(new float[] { 0, 5, 0, 1, 1, 0 }, 2, 3);
        var c = Memorization.MaxCosine(queries, train, chunk: 2);
        Assert.Equal(1.0, c[0], 1e-6);
        Assert.Equal(Math.Sqrt(0.5), c[1], 1e-6);
        var report = Memorization.Evaluate(queries, train, Tensor.FromArray(new float[] { 1, 1, 1 }, 1, 3));
        Assert.Equal((1 + Math.Sqrt(0.5)) / 2, report.Mean, 1e-6);
        Assert.Equal((1 - Math.Sqrt(0.5)) / 2, report.Std, 1e-6);
        Assert.Equal(1 / Math.Sqrt(3), report.NullBaseline, 1e-6);
        Assert.Throws<ArgumentException>(() => Memorization.MaxCosine(queries, Tensor.Zeros(3, 4)));
    }

    [Fact]
    public void EffectiveRankCountsVarianceDirections()
    {
        // Points spread with variances 100, 10, 1 along the axes (plus the mean): 90% needs 1 direction, 99% needs 2.
        var rows = new List<float>();
        foreach (var (s, axis) in new[] { (10f, 0), (-10f, 0), (3.1623f, 1), (-3.1623f, 1), (1f, 2), (-1f, 2) })
        {
            var r = new float[5]; r[axis] = s; r[4] = 7; rows.AddRange(r);
        }
        var x = Tensor.FromArray(rows.ToArray(), 6, 5);
        Assert.Equal(1, Memorization.EffectiveRank(x, 0.9));
        Assert.Equal(2, Memorization.EffectiveRank(x, 0.99));
        Assert.Equal(3, Memorization.EffectiveRank(x, 0.999));
    }

    [Fact]
    public void OodBaselinesOnConstructedPoints()
    {
        float[] train = [0, 0, 1, 0, 0, 1, 1, 1];
        var knn = OodScores.Knn(train, [0, 0, 3, 4], 2, neighbours: 1);
        Assert.Equal(0, knn[0], 1e-6);
        Assert.Equal(Math.Sqrt(4 + 9), knn[1], 1e-5);
        var knn2 = OodScores.Knn(train, [0, 0], 2, neighbours: 4);
        Assert.Equal(Math.Sqrt(2), knn2[0], 1e-5);
        // Mahalanobis of the mean is 0; sample covariance here is I/3 (+1e-6), so (3/2, 1/2) scores 3 * (1 + 0) = 3.
        var mah = OodScores.Mahalanobis(train, [0.5f, 0.5f, 1.5f, 0.5f], 2);
        Assert.Equal(0, mah[0], 1e-6);
        Assert.Equal(3, mah[1], 1e-4);
        Assert.Throws<ArgumentOutOfRangeException>(() => OodScores.Knn(train, [0, 0], 2, neighbours: 5));
    }

    [Fact]
    public void FieldNormIsTheLengthOfTheFirstStep()
    {
        // f(z) = z / 2 in 2-D: V(z) = -z / 2, so the score is ||z|| / 2 whatever the attractors.
        var map = new LatentMap(LinearAutoencoder.Scaled(0.5, [0.0, 0.0]));
        var scores = OodScores.FieldNorm(map, [3f, 4f, 0f, 0f, -6f, 8f]);
        Assert.Equal([2.5, 0, 5], scores.Select(s => Math.Round(s, 5)));
        Assert.Throws<ArgumentException>(() => OodScores.FieldNorm(map, [1f, 2f, 3f]));
    }

    [Fact]
    public void TrajectoryPrefixesAverageTheFirstPointsOfThePath()
    {
        // f(z) = z / 2 from 8 (path 8, 4, 2, 1, ...) and from -2 (-2, -1, ...), attractor 0.
        var map = new LatentMap(LinearAutoencoder.Scaled(0.5, [0.0]));
        var rows = OodScores.TrajectoryPrefixes(map, [0f], [8f, -2f], [1, 2, 3, int.MaxValue]);
        Assert.Equal([8, 2], rows[0].Select(v => Math.Round(v, 5)));
        Assert.Equal([6, 1.5], rows[1].Select(v => Math.Round(v, 5)));
        Assert.Equal(14.0 / 3, rows[2][0], 1e-5);
        Assert.Equal(OodScores.Trajectory(map, [0f], [8f, -2f]), rows[3]);
        Assert.Throws<ArgumentOutOfRangeException>(() => OodScores.TrajectoryPrefixes(map, [0f], [8f], [0]));
        Assert.Throws<ArgumentException>(() => OodScores.TrajectoryPrefixes(map, [0f], [8f], []));
    }

    [Fact]
    public void TrajectoryScoreAveragesDistanceAlongThePath()
    {
        // f(z) = z / 2 in 1-D: the path from 8 is 8, 4, 2, 1, ... and the attractor is 0, so the score is the path mean.
        var map = new LatentMap(LinearAutoencoder.Scaled(0.5, [0.0]));
        var result = Trajectories.Run(map, new float[] { 8f }, new TrajectoryOptions { RecordPaths = true });
        var path = result.Paths[0];
        var score = OodScores.Trajectory(map, new float[] { 0f }, new float[] { 8f });
        Assert.Equal(path.Select(v => (double)Math.Abs(v)).Average(), score[0], 1e-5);
        Assert.True(score[0] > 16.0 / path.Length * 0.99);
    }
}
