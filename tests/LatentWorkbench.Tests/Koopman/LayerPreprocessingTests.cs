using LatentWorkbench.Engine;
using LatentWorkbench.Koopman;

namespace LatentWorkbench.Tests.Koopman;

/// <summary>The stored per-layer transform: invertibility, normalisation, sign fixing, Procrustes alignment.</summary>
public class LayerPreprocessingTests
{
    private static Tensor RandomStates(int n, int d, ulong seed, float shift = 0) => Tensor.Randn(new Generator(seed), n, d) + shift;

    [Fact]
    public void FullRankTransformInvertsExactlyAndNormalisesTheFrobeniusNorm()
    {
        var layers = new[] { RandomStates(200, 6, 1, 3f), RandomStates(200, 6, 2, -1f) };
        var transforms = LayerPreprocessing.Fit(layers, 6);
        for (int l = 0; l < 2; l++)
        {
            var y = transforms[l].Apply(layers[l]);
            Assert.Equal(100.0, Math.Sqrt(y.Pow(2f).Sum().Item()), 1e-2);
            var back = transforms[l].Invert(y).ToArray();
            var orig = layers[l].ToArray();
            for (int i = 0; i < orig.Length; i++) Assert.Equal(orig[i], back[i], 1e-3f);
        }
    }

    [Fact]
    public void BasisIsSignFixedAndOrdered()
    {
        var x = RandomStates(300, 5, 3) * Tensor.FromArray(new float[] { 5, 1, 3, 0.5f, 2 }, 1, 5);
        var t = LayerPreprocessing.Fit([x], 2)[0];
        for (int k = 0; k < 2; k++)
        {
            var col = Enumerable.Range(0, 5).Select(r => t.Basis[r * 2 + k]).ToArray();
            Assert.True(col.MaxBy(Math.Abs) > 0);
        }
        // The strongest direction is the feature scaled by 5, then the one scaled by 3.
        Assert.True(Math.Abs(t.Basis[0 * 2 + 0]) > 0.99);
        Assert.True(Math.Abs(t.Basis[2 * 2 + 1]) > 0.99);
    }

    [Fact]
    public void ProcrustesRecoversAKnownRotation()
    {
        // Layer 0 is layer 1 rotated by a fixed orthogonal matrix (here a coordinate permutation with a sign flip):
        // after preprocessing both must coincide.
        var last = RandomStates(400, 3, 4) * Tensor.FromArray(new float[] { 3, 2, 1 }, 1, 3);
        var q = Tensor.FromArray(new float[] { 0, 1, 0, 0, 0, -1, 1, 0, 0 }, 3, 3);
        var first = last.MatMul(q);
        var transforms = LayerPreprocessing.Fit([first, last], 3);
        var a = transforms[0].Apply(first).ToArray();
        var b = transforms[1].Apply(last).ToArray();
        for (int i = 0; i < a.Length; i++) Assert.Equal(b[i], a[i], 1e-2f);
    }

    [Fact]
    public void TooManyComponentsIsAnError()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => LayerPreprocessing.Fit([RandomStates(10, 3, 5)], 4));
        Assert.Contains("components", e.Message);
    }
}
