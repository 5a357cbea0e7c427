using LatentWorkbench.LatentFields;
using LatentWorkbench.Progress;

namespace LatentWorkbench.Tests.LatentFields;

public class TrajectoryTests
{
    static TrajectoryTests() => ProgressBar.Enabled = false;

    /// <summary>Steps of forward iteration on f(z) = rho z + b, from the closed form z_t - z_{t-1} = rho^(t-1) (z_1 - z_0).</summary>
    private static int ExpectedSteps(double rho, double firstMoveSquared, double tol)
    {
        for (int t = 2; ; t++)
            if (Math.Pow(rho, 2 * (t - 1)) * firstMoveSquared < tol) return t;
    }

    [Fact]
    public void ContractionConvergesGeometricallyToItsFixedPoint()
    {
        double rho = 0.8;
        double[] b = [1.0, -2.0];
        var map = new LatentMap(LinearAutoencoder.Scaled(rho, b));
        float[] starts = [0f, 0f, 3f, 4f, -7f, 1f, 5f, -10f];
        var result = Trajectories.Run(map, starts, new TrajectoryOptions { RecordIndices = [1] });

        Assert.Equal(1.0, result.ConvergedFraction);
        Assert.Empty(result.NotConverged);
        double[] fixedPoint = [b[0] / (1 - rho), b[1] / (1 - rho)];
        for (int i = 0; i < 4; i++)
        {
            double z0x = starts[2 * i], z0y = starts[2 * i + 1];
            double m0 = Math.Pow((rho - 1) * z0x + b[0], 2) + Math.Pow((rho - 1) * z0y + b[1], 2);
            int expected = ExpectedSteps(rho, m0, 1e-6);
            Assert.InRange(result.Steps[i], expected - 1, expected + 1);
            // The error after t steps is rho^t times the initial error.
            double e0 = Math.Sqrt(Math.Pow(z0x - fixedPoint[0], 2) + Math.Pow(z0y - fixedPoint[1], 2));
            double bound = e0 * Math.Pow(rho, result.Steps[i]) + 1e-4;
            var end = result.Endpoint(i);
            double err = Math.Sqrt(Math.Pow(end[0] - fixedPoint[0], 2) + Math.Pow(end[1] - fixedPoint[1], 2));
            Assert.True(err <= bound, $"start {i}: error {err} above rho^t e0 = {bound}");
        }

        // The recorded path holds the start and every iterate, each rho times closer to z*.
        var path = result.Paths[1];
        Assert.Equal((result.Steps[1] + 1) * 2, path.Length);
        Assert.Single(result.Paths);
        for (int t = 1; t < 6; t++)
        {
            double prev = Math.Abs(path[2 * (t - 1)] - fixedPoint[0]), cur = Math.Abs(path[2 * t] - fixedPoint[0]);
            Assert.Equal(rho * prev, cur, 1e-4);
        }
        Assert.Equal(result.Steps.Sum(), result.PointSteps);
    }

    [Fact]
    public void SlowStartsAreReportedNotDropped()
    {
        // rho close to 1 needs many steps; with a limit of 20 the far start cannot converge, the one at z* can.
        double rho = 0.99;
        var map = new LatentMap(LinearAutoencoder.Scaled(rho, [0.0]));
        float[] starts = [100f, 0f, 50f];
        var result = Trajectories.Run(map, starts, new TrajectoryOptions { MaxIterations = 20 });
        Assert.Equal([0, 2], result.NotConverged);
        Assert.True(result.Converged[1]);
        Assert.Equal(20, result.Steps[0]);
        Assert.Equal(2, result.Steps[1]);
        Assert.Equal(100 * Math.Pow(rho, 20), result.Endpoints[0], 1e-2);
        Assert.Equal(50 * Math.Pow(rho, 20), result.Endpoints[2], 1e-2);
    }

    [Fact]
    public void BadInputGivesClearErrors()
    {
        var map = new LatentMap(LinearAutoencoder.Scaled(0.5, [0.0, 0.0]));
        var wrongDim = Assert.Throws<ArgumentException>(() => Trajectories.Run(map, new float[] { 1f, 2f, 3f }));
        Assert.Contains("k = 2", wrongDim.Message);
        Assert.Throws<ArgumentException>(() => Trajectories.Run(map, new float[] { float.NaN, 0f }));
        Assert.Throws<ArgumentOutOfRangeException>(() => Trajectories.Run(map, new float[] { 1f, 0f }, new TrajectoryOptions { Tolerance = 0 }));

        var mismatch = Assert.Throws<ArgumentException>(() => new LatentMap(new LinearAutoencoder(new double[2, 2], [0.0, 0.0], encoderOut: 3)));
        Assert.Contains("disagree", mismatch.Message);

        var nanModel = new LatentMap(LinearAutoencoder.Scaled(0.5, [double.NaN, 0.0]), batchSize: 4);
        var nan = Assert.Throws<ArithmeticException>(() => nanModel.Apply(new float[] { 1f, 1f }));
        Assert.Contains("non-finite", nan.Message);
    }

    [Fact]
    public void FieldIsMapMinusIdentityOnAGrid()
    {
        var map = new LatentMap(LinearAutoencoder.Scaled(0.5, [1.0, 2.0]));
        var (points, vectors) = map.FieldOnGrid((-1, 1), (0, 2), 3, 2);
        Assert.Equal(12, points.Length);
        Assert.Equal([-1f, 0f, 0f, 0f, 1f, 0f, -1f, 2f, 0f, 2f, 1f, 2f], points);
        for (int i = 0; i < 6; i++)
        {
            Assert.Equal(-0.5 * points[2 * i] + 1, vectors[2 * i], 1e-6);
            Assert.Equal(-0.5 * points[2 * i + 1] + 2, vectors[2 * i + 1], 1e-6);
        }
    }
}
