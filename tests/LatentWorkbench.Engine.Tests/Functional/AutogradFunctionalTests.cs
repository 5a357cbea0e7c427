using LatentWorkbench.Engine.Functional;
using LatentWorkbench.Engine.NN;

namespace LatentWorkbench.Engine.Tests.Functional;

public class AutogradFunctionalTests
{
    private static void AssertClose(float[] expected, float[] actual, double tolerance = 1e-5)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance * Math.Max(1, Math.Abs(expected[i])), $"element {i}: expected {expected[i]}, got {actual[i]}");
    }

    [Fact]
    public void JacobianOfLinearMapIsItsMatrix()
    {
        var layer = new Linear(5, 3, generator: new Generator(1));
        layer.Eval();
        var j = AutogradFunctional.Jacobian(layer, GradCheck.Random(2, 5));
        Assert.Equal([3, 5], j.Shape);
        AssertClose(layer.Weight.ToArray(), j.ToArray());
    }

    [Fact]
    public void JacobianOfTanhWxIsDiagTimesW()
    {
        var w = GradCheck.Random(3, 4, 4);
        var z = GradCheck.Random(4, 4);
        var j = AutogradFunctional.Jacobian(batch => batch.MatMul(w.T).Tanh(), z).ToArray();
        var wv = w.ToArray(); var zv = z.ToArray();
        var expected = new float[16];
        for (int i = 0; i < 4; i++)
        {
            double pre = 0;
            for (int k = 0; k < 4; k++) pre += wv[i * 4 + k] * zv[k];
            double t = Math.Tanh(pre);
            for (int k = 0; k < 4; k++) expected[i * 4 + k] = (float)((1 - t * t) * wv[i * 4 + k]);
        }
        AssertClose(expected, j);
    }

    [Fact]
    public void JacobianMatchesFiniteDifferencesForAnMlp()
    {
        var model = new Sequential(new Linear(3, 8, generator: new Generator(1)), new SiLU(), new Linear(8, 2, generator: new Generator(2)));
        model.Eval();
        var z = GradCheck.Random(9, 3);
        var j = AutogradFunctional.Jacobian(model, z).ToArray();
        Assert.Equal(6, j.Length);
        const float h = 1e-2f;
        for (int k = 0; k < 3; k++)
        {
            var plus = z.ToArray(); plus[k] += h;
            var minus = z.ToArray(); minus[k] -= h;
            var fp = model.Call(Tensor.FromArray(plus, 1, 3)).ToArray();
            var fm = model.Call(Tensor.FromArray(minus, 1, 3)).ToArray();
            for (int i = 0; i < 2; i++) Assert.Equal((fp[i] - fm[i]) / (2 * h), j[i * 3 + k], 3);
        }
    }

    [Fact]
    public void VjpAndJvpAgreeWithJacobian()
    {
        var model = new Sequential(new Linear(4, 6, generator: new Generator(5)), new Tanh(), new Linear(6, 3, generator: new Generator(6)), new GELU());
        model.Eval();
        var z = GradCheck.Random(7, 4);
        var j = AutogradFunctional.Jacobian(model, z).ToArray(); // [3, 4]
        var x = z.Reshape(1, 4);
        var u = GradCheck.Random(8, 1, 3);
        var v = GradCheck.Random(9, 1, 4);

        var (outV, vjp) = AutogradFunctional.Vjp(model, x, u);
        var (outJ, jvp) = AutogradFunctional.Jvp(model, x, v);
        var expectedVjp = new float[4];
        var expectedJvp = new float[3];
        for (int i = 0; i < 3; i++)
            for (int k = 0; k < 4; k++)
            {
                expectedVjp[k] += u.ToArray()[i] * j[i * 4 + k];
                expectedJvp[i] += j[i * 4 + k] * v.ToArray()[k];
            }
        AssertClose(expectedVjp, vjp.ToArray());
        AssertClose(expectedJvp, jvp.ToArray());
        AssertClose(model.Call(x).ToArray(), outV.ToArray());
        AssertClose(outV.ToArray(), outJ.ToArray());
        Assert.False(vjp.RequiresGrad);
        Assert.False(jvp.RequiresGrad);
    }

    [Fact]
    public void BatchJacobianChunksGiveTheSameAsOnePointAtATime()
    {
        var model = new Sequential(new Linear(3, 5, generator: new Generator(1)), new Tanh(), new Linear(5, 3, generator: new Generator(2)));
        model.Eval();
        var points = GradCheck.Random(3, 7, 3);
        var all = AutogradFunctional.BatchJacobian(model, points, maxBatchRows: 6); // 2 points per chunk, last chunk 1 point
        Assert.Equal([7, 3, 3], all.Shape);
        for (int n = 0; n < 7; n++)
        {
            var single = AutogradFunctional.Jacobian(model, points.Select(0, n).Contiguous());
            AssertClose(single.ToArray(), all.Select(0, n).Contiguous().ToArray());
        }
    }

    [Fact]
    public void ModuleOverloadsLeaveParametersUntouched()
    {
        var model = new Sequential(new Linear(2, 2), new Tanh());
        model.Eval();
        AutogradFunctional.Jacobian(model, Tensor.Ones(2));
        Assert.All(model.Parameters(), p => { Assert.True(p.RequiresGrad); Assert.Null(p.Grad); });
    }

    [Fact]
    public void TrainingModeBatchNormIsRejected()
    {
        var model = new Sequential(new Linear(2, 2), new BatchNorm1d(2));
        var error = Assert.Throws<InvalidOperationException>(() => AutogradFunctional.Jacobian(model, Tensor.Ones(2)));
        Assert.Contains("'1'", error.Message);
        Assert.Contains("Eval()", error.Message);
    }

    [Fact]
    public void RectangularJacobian()
    {
        // f(x) = [x0 x1, x0 + x2, x1^2, 3 x2, x0]: J rows by hand.
        Tensor F(Tensor b) => Tensor.Concat([
            b.Narrow(1, 0, 1) * b.Narrow(1, 1, 1), b.Narrow(1, 0, 1) + b.Narrow(1, 2, 1), b.Narrow(1, 1, 1).Pow(2f),
            b.Narrow(1, 2, 1) * 3f, b.Narrow(1, 0, 1)], 1);
        var j = AutogradFunctional.Jacobian(F, Tensor.FromArray([2f, -1f, 0.5f], 3));
        Assert.Equal([5, 3], j.Shape);
        AssertClose([-1, 2, 0, 1, 0, 1, 0, -2, 0, 0, 0, 3, 1, 0, 0], j.ToArray());
    }
}
