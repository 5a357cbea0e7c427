using System.Text.Json;
using LatentWorkbench.LatentFields;
using LatentWorkbench.Metrics;

namespace LatentWorkbench.Tests.LatentFields;

/// <summary>Detection metrics and OMP against scikit-learn (tests/fixtures/latentfields/make_fixtures.py).</summary>
public class FixtureTests
{
    private static JsonElement Load(string name) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "fixtures", "latentfields", name))).RootElement;

    private static double[] Doubles(JsonElement e) => e.EnumerateArray().Select(x => x.GetDouble()).ToArray();

    [Fact]
    public void AurocFpr95AndRocMatchScikitLearn()
    {
        foreach (var c in Load("detection.json").EnumerateArray())
        {
            var sIn = Doubles(c.GetProperty("inScores"));
            var sOut = Doubles(c.GetProperty("outScores"));
            Assert.Equal(c.GetProperty("auroc").GetDouble(), DetectionMetrics.Auroc(sIn, sOut), 1e-12);
            Assert.Equal(c.GetProperty("fpr95").GetDouble(), DetectionMetrics.Fpr95(sIn, sOut), 1e-12);
            var (fpr, tpr, _) = DetectionMetrics.RocCurve(sIn, sOut);
            Assert.Equal(Doubles(c.GetProperty("fpr")), fpr, (a, b) => Math.Abs(a - b) < 1e-12);
            Assert.Equal(Doubles(c.GetProperty("tpr")), tpr, (a, b) => Math.Abs(a - b) < 1e-12);
        }
    }

    [Fact]
    public void PerfectAndInvertedSeparation()
    {
        Assert.Equal(1.0, DetectionMetrics.Auroc([0, 1, 2], [3, 4]));
        Assert.Equal(0.0, DetectionMetrics.Fpr95([0, 1, 2], [3, 4]));
        Assert.Equal(0.0, DetectionMetrics.Auroc([3, 4], [0, 1, 2]));
        Assert.Equal(0.5, DetectionMetrics.Auroc([1, 1], [1, 1]));
        Assert.Throws<ArgumentException>(() => DetectionMetrics.Auroc([], [1.0]));
    }

    [Fact]
    public void OmpMatchesScikitLearn()
    {
        var f = Load("omp.json");
        int k = f.GetProperty("k").GetInt32(), m = f.GetProperty("m").GetInt32();
        var atoms = Doubles(f.GetProperty("atoms")).Select(v => (float)v).ToArray();
        var signals = Doubles(f.GetProperty("signals")).Select(v => (float)v).ToArray();
        var omp = new OrthogonalMatchingPursuit(atoms, k);
        foreach (var entry in f.GetProperty("codes").EnumerateObject())
        {
            int nz = int.Parse(entry.Name);
            var expected = Doubles(entry.Value);
            var codes = omp.Encode(signals, nz);
            Assert.Equal(expected.Length, codes.Length);
            for (int i = 0; i < codes.Length; i++) Assert.True(Math.Abs(expected[i] - codes[i]) < 1e-4, $"nz {nz} entry {i}: {codes[i]} vs {expected[i]}");
        }
        Assert.Throws<ArgumentOutOfRangeException>(() => omp.Encode(signals, m + 1));
        Assert.Throws<ArgumentException>(() => omp.Encode(new float[k + 1], 1));
    }

    [Fact]
    public void OmpRecoversAnExactSparseCombination()
    {
        // Random atoms in 40 dimensions are nearly orthogonal, the regime where OMP provably recovers 2-sparse codes.
        var atoms = OrthogonalMatchingPursuit.Normalize(LatentStarts.Gaussian(10, 40, seed: 5), 40);
        var omp = new OrthogonalMatchingPursuit(atoms, 40);
        var code = new double[10];
        code[2] = 1.5; code[7] = -0.7;
        var signal = omp.Decode(code);
        var found = omp.Encode(signal, 2);
        for (int i = 0; i < 10; i++) Assert.Equal(code[i], found[i], 1e-4);
    }
}
