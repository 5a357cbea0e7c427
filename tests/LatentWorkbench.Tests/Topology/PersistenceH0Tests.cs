using System.Text.Json;
using LatentWorkbench.Topology;

namespace LatentWorkbench.Tests.Topology;

/// <summary>H0 death times against SciPy's minimum spanning tree (fixtures/topology/make_mst_fixture.py).</summary>
public class PersistenceH0Tests
{
    [Fact]
    public void DeathTimesEqualScipyMinimumSpanningTreeEdges()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "fixtures", "topology", "mst_reference.json")));
        foreach (var c in doc.RootElement.GetProperty("cases").EnumerateArray())
        {
            int n = c.GetProperty("n").GetInt32(), d = c.GetProperty("d").GetInt32();
            var points = c.GetProperty("points").EnumerateArray().Select(e => e.GetSingle()).ToArray();
            var expected = c.GetProperty("deaths").EnumerateArray().Select(e => e.GetDouble()).ToArray();
            var deaths = PersistenceH0.DeathTimes(points, n, d);
            Assert.Equal(expected.Length, deaths.Length);
            for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], deaths[i], 1e-5 * Math.Max(1, expected[i]));
        }
    }

    [Fact]
    public void Betti0CountsSeparatedClusters()
    {
        // Three tight clusters 10 apart: one component above the cluster spacing, three between, all points at 0.
        var rng = new Random(3);
        var pts = new List<float>();
        for (int c = 0; c < 3; c++)
            for (int i = 0; i < 50; i++) { pts.Add(10 * c + (float)rng.NextDouble() * 0.1f); pts.Add((float)rng.NextDouble() * 0.1f); }
        var deaths = PersistenceH0.DeathTimes(pts.ToArray(), 150, 2);
        Assert.Equal(3, PersistenceH0.Betti0(deaths, 1.0));
        Assert.Equal(1, PersistenceH0.Betti0(deaths, 11.0));
        Assert.Equal(150, PersistenceH0.Betti0(deaths, 0.0));
        Assert.Equal([150, 3, 1], PersistenceH0.BettiCurve(deaths, [0.0, 1.0, 11.0]));
    }

    [Fact]
    public void RejectsMismatchedShape()
    {
        var e = Assert.Throws<ArgumentException>(() => PersistenceH0.DeathTimes(new float[5], 2, 3));
        Assert.Contains("2x3", e.Message);
    }
}
