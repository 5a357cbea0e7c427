using LatentWorkbench.Engine;
using LatentWorkbench.Koopman;

namespace LatentWorkbench.Tests.Koopman;

/// <summary>The least-squares DMD baseline and the spectrum helper.</summary>
public class DmdTests
{
    [Fact]
    public void RecoversAnExactLinearMapAndItsEigenvalues()
    {
        // A rotation by 90 degrees in the first plane and a scaling by 0.5 in the third coordinate: eigenvalues +-i and 0.5.
        var a = Tensor.FromArray(new float[] { 0, 1, 0, -1, 0, 0, 0, 0, 0.5f }, 3, 3);
        var x0 = Tensor.Randn(new Generator(1), 100, 3);
        var fitted = Dmd.FitOperator(x0, x0.MatMul(a)).ToArray();
        var expected = a.ToArray();
        for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], fitted[i], 1e-4f);
        var ev = Dmd.Eigenvalues(a).OrderBy(e => e.Im).ThenBy(e => e.Re).ToArray();
        Assert.Equal(-1, ev[0].Im, 1e-9); Assert.Equal(0, ev[0].Re, 1e-9);
        Assert.Equal(0.5, ev[1].Re, 1e-6); Assert.Equal(0, ev[1].Im, 1e-9);
        Assert.Equal(1, ev[2].Im, 1e-9);
    }
}
