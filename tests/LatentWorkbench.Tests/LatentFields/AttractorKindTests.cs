using LatentWorkbench.Engine;
using LatentWorkbench.LatentFields;
using LatentWorkbench.Progress;

namespace LatentWorkbench.Tests.LatentFields;

/// <summary>The attractor-kind classifier against maps whose orbits, multipliers and exponents are known in closed form.</summary>
public class AttractorKindTests
{
    static AttractorKindTests() => ProgressBar.Enabled = false;

    /// <summary>
    /// Rotation by 2π/p with the radius pulled to 1 (r -> (1 - a) r + a), from tensor operations (autograd Jacobians).
    /// Every point of the unit circle lies on a p-cycle: the radial multiplier of f^p is (1 - a)^p, the one along the circle 1.
    /// </summary>
    private static IteratedMap Rotation(double angle, double a)
    {
        var rotationT = Tensor.FromArray(new[,] { { (float)Math.Cos(angle), (float)Math.Sin(angle) }, { -(float)Math.Sin(angle), (float)Math.Cos(angle) } });
        return IteratedMap.FromFunction(2, z =>
        {
            var r = z.Pow(2).Sum(1, keepDim: true).Sqrt();
            return z.MatMul(rotationT) * ((float)a / r + (float)(1 - a));
        });
    }

    /// <summary>
    /// The rotation with its phase locked: θ -> θ + 2π/p - c sin(pθ), r -> (1 - a) r + a, written over spans (so its
    /// Jacobians come from central differences). The cycle θ = 2πj/p is isolated and stable: f^p has multipliers
    /// (1 - a)^p radially and (1 - c p)^p along the circle.
    /// </summary>
    private static IteratedMap LockedRotation(int p, double a, double c) => IteratedMap.FromFunction(2, z =>
    {
        var v = z.ToArray();
        var w = new float[v.Length];
        for (int i = 0; i < v.Length / 2; i++)
        {
            double r = Math.Sqrt(v[2 * i] * (double)v[2 * i] + v[2 * i + 1] * (double)v[2 * i + 1]), theta = Math.Atan2(v[2 * i + 1], v[2 * i]);
            double r2 = (1 - a) * r + a, theta2 = theta + 2 * Math.PI / p - c * Math.Sin(p * theta);
            w[2 * i] = (float)(r2 * Math.Cos(theta2));
            w[2 * i + 1] = (float)(r2 * Math.Sin(theta2));
        }
        return Tensor.FromArray(w, v.Length / 2, 2);
    });

    private static IteratedMap Logistic(double r) => IteratedMap.FromFunction(1, x => x * (1f - x) * (float)r);

    private static Tensor Uniform(int n, int k, double lo, double hi, ulong seed)
    {
        var g = new Generator(seed);
        var v = new float[n * k];
        for (int i = 0; i < v.Length; i++) v[i] = (float)(lo + (hi - lo) * g.NextDouble());
        return Tensor.FromArray(v, n, k);
    }

    private static double Angle(Tensor points, int j) => Math.Atan2(points[j, 1], points[j, 0]);

    // The angle difference wrapped to (-π, π].
    private static double Wrap(double d) => Math.IEEERemainder(d, 2 * Math.PI);

    [Theory]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(7)]
    public void RotationByTwoPiOverPHasOneCycleOfPeriodPFromEveryPhase(int p)
    {
        // Starts on the p rays θ0 + 2πj/p at different radii all land on the same cycle, entered at different phases.
        double a = 0.5, theta0 = 0.3;
        var g = new Generator(7);
        int n = 40;
        var starts = new float[2 * n];
        for (int i = 0; i < n; i++)
        {
            double theta = theta0 + 2 * Math.PI * (i % p) / p, radius = 0.3 + 2.7 * g.NextDouble();
            starts[2 * i] = (float)(radius * Math.Cos(theta));
            starts[2 * i + 1] = (float)(radius * Math.Sin(theta));
        }
        var result = AttractorKindClassifier.Classify(Rotation(2 * Math.PI / p, a), Tensor.FromArray(starts, n, 2));

        Assert.Equal(n, result.PeriodicCount);
        var cycle = Assert.Single(result.Orbits);
        Assert.Equal(p, cycle.Period);
        Assert.Equal(n, cycle.BasinSize);
        Assert.All(result.Basins, b => Assert.Equal(0, b));
        Assert.Equal([p], result.CyclesByPeriod.Keys);
        // The p points lie on the unit circle at θ0 + 2πj/p, each the image of the one before.
        for (int j = 0; j < p; j++)
        {
            Assert.Equal(1, Math.Sqrt(cycle.Points[j, 0] * cycle.Points[j, 0] + cycle.Points[j, 1] * cycle.Points[j, 1]), 1e-3);
            Assert.Equal(0, Wrap(p * (Angle(cycle.Points, j) - theta0)) / p, 1e-3);
            Assert.Equal(0, Wrap(Angle(cycle.Points, (j + 1) % p) - Angle(cycle.Points, j) - 2 * Math.PI / p), 1e-3);
        }
        var moduli = cycle.Multipliers.Select(m => m.Magnitude).ToArray();
        Assert.Equal(1, moduli[0], 2e-3);
        Assert.Equal(Math.Pow(1 - a, p), moduli[1], 2e-3);
        Assert.Equal(1, cycle.MaxMultiplier, 2e-3);
    }

    [Theory]
    [InlineData(50)]
    [InlineData(101)]
    public void LongPeriodsAreFoundPastTheRingAndOnlyUpToMaxPeriod(int p)
    {
        double a = 0.5;
        var g = new Generator(5);
        int n = 30;
        var starts = new float[2 * n];
        for (int i = 0; i < n; i++)
        {
            double theta = 2 * Math.PI * g.NextInt(p) / p, radius = 0.3 + 2.7 * g.NextDouble();
            starts[2 * i] = (float)(radius * Math.Cos(theta));
            starts[2 * i + 1] = (float)(radius * Math.Sin(theta));
        }
        var map = Rotation(2 * Math.PI / p, a);
        var result = AttractorKindClassifier.Classify(map, Tensor.FromArray(starts, n, 2));
        Assert.Equal(n, result.PeriodicCount);
        var cycle = Assert.Single(result.Orbits);
        Assert.Equal(p, cycle.Period);
        for (int j = 0; j < p; j++) Assert.Equal(0, Wrap(Angle(cycle.Points, (j + 1) % p) - Angle(cycle.Points, j) - 2 * Math.PI / p), 1e-3);
        Assert.Equal(1, cycle.MaxMultiplier, 1e-2);

        // Below the period the same trajectories circle without end: neutral, λ = 0.
        var limited = AttractorKindClassifier.Classify(map, Tensor.FromArray(starts, n, 2), new AttractorKindOptions { MaxPeriod = p - 1 });
        Assert.Equal(n, limited.CountOf(UnresolvedMotion.QuasiPeriodic));
        Assert.Empty(limited.Orbits);
    }

    [Fact]
    public void RotationStartedOnAnotherRayIsAnotherCycle()
    {
        // The circle is a continuum of 4-cycles: the ray at 0 and the ray at 0.5 rad end on different orbits.
        float[] starts = [2f, 0f, 0f, 0.5f, (float)(2 * Math.Cos(0.5)), (float)(2 * Math.Sin(0.5))];
        var result = AttractorKindClassifier.Classify(Rotation(Math.PI / 2, 0.5), Tensor.FromArray(starts, 3, 2));
        Assert.Equal(2, result.Cycles.Count);
        Assert.Equal(result.Basins[0], result.Basins[1]);
        Assert.NotEqual(result.Basins[0], result.Basins[2]);
        Assert.Equal([2, 1], result.Cycles.Select(c => c.BasinSize));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(5)]
    public void PhaseLockedRotationHasOneStableCycleWithClosedFormMultipliers(int p)
    {
        double a = 0.3, c = 0.5 / p;
        var g = new Generator(11);
        int n = 60;
        var starts = new float[2 * n];
        for (int i = 0; i < n; i++)
        {
            double theta = 2 * Math.PI * g.NextDouble(), radius = 0.2 + 2.8 * g.NextDouble();
            starts[2 * i] = (float)(radius * Math.Cos(theta));
            starts[2 * i + 1] = (float)(radius * Math.Sin(theta));
        }
        var result = AttractorKindClassifier.Classify(LockedRotation(p, a, c), Tensor.FromArray(starts, n, 2));

        Assert.Equal(n, result.PeriodicCount);
        var cycle = Assert.Single(result.Orbits);
        Assert.Equal(p, cycle.Period);
        for (int j = 0; j < p; j++) Assert.Equal(0, Wrap(p * Angle(cycle.Points, j)) / p, 1e-3);
        var moduli = cycle.Multipliers.Select(m => m.Magnitude).OrderByDescending(m => m).ToArray();
        Assert.Equal(Math.Pow(1 - a, p), moduli[0], 1e-3);
        Assert.Equal(Math.Pow(1 - c * p, p), moduli[1], 1e-3);
        Assert.True(cycle.IsStable);
    }

    [Fact]
    public void LogisticMapAtR32EndsOnItsTwoCycle()
    {
        // x± = ((r + 1) ± sqrt((r - 3)(r + 1))) / 2r; multiplier f'(x+) f'(x-) = -r^2 + 2r + 4.
        double r = 3.2;
        var result = AttractorKindClassifier.Classify(Logistic(r), Uniform(50, 1, 0.05, 0.95, 1));
        Assert.Equal(50, result.PeriodicCount);
        var cycle = Assert.Single(result.Orbits);
        Assert.Equal(2, cycle.Period);
        double root = Math.Sqrt((r - 3) * (r + 1));
        Assert.Equal((r + 1 - root) / (2 * r), cycle.Points[0, 0], 1e-4);
        Assert.Equal((r + 1 + root) / (2 * r), cycle.Points[1, 0], 1e-4);
        Assert.Equal(-r * r + 2 * r + 4, cycle.Multipliers.Single().Real, 2e-3);
    }

    [Fact]
    public void LogisticMapAtR35EndsOnItsFourCycle()
    {
        // The reference cycle comes from iterating the map in double precision; the multiplier is the product of r (1 - 2x).
        double r = 3.5, x = 0.3;
        for (int t = 0; t < 10000; t++) x = r * x * (1 - x);
        var reference = new double[4];
        for (int j = 0; j < 4; j++) { reference[j] = x; x = r * x * (1 - x); }
        Array.Sort(reference);
        Assert.Equal([0.38282, 0.50088, 0.82694, 0.87500], reference.Select(v => Math.Round(v, 5)));
        double multiplier = reference.Aggregate(1.0, (m, v) => m * r * (1 - 2 * v));

        var result = AttractorKindClassifier.Classify(Logistic(r), Uniform(50, 1, 0.05, 0.95, 2));
        Assert.Equal(50, result.PeriodicCount);
        var cycle = Assert.Single(result.Orbits);
        Assert.Equal(4, cycle.Period);
        var found = cycle.Points.ToArray().Select(v => (double)v).ToArray();
        // In the order f visits them: each point is the image of the one before.
        for (int j = 0; j < 4; j++) Assert.Equal(r * found[j] * (1 - found[j]), found[(j + 1) % 4], 1e-4);
        Array.Sort(found);
        for (int j = 0; j < 4; j++) Assert.Equal(reference[j], found[j], 1e-4);
        Assert.Equal(multiplier, cycle.Multipliers.Single().Real, 2e-3);
        Assert.True(cycle.IsStable);
    }

    [Fact]
    public void LogisticMapAtR4IsChaoticWithExponentLn2()
    {
        // The one-step rule would stop chaotic paths that creep away from the unstable fixed point 0 (f' = 4) in steps of
        // 3x; a tight tolerance keeps them moving. In float32 a few paths still hit x = 1 -> 0 exactly; those end at the
        // fixed point 0 and must be reported unstable with multiplier r = 4.
        var options = new AttractorKindOptions { Tolerance = 1e-12, MaxIterations = 1000, LyapunovSteps = 600, LyapunovWarmup = 50 };
        var result = AttractorKindClassifier.Classify(Logistic(4), Uniform(64, 1, 0.05, 0.95, 3), options);
        int chaotic = result.CountOf(UnresolvedMotion.Chaotic);
        Assert.True(chaotic >= 48, $"only {chaotic} of 64 paths were called chaotic: {result}");
        Assert.Equal(Math.Log(2), result.MeanExponent(UnresolvedMotion.Chaotic), 0.05);
        foreach (var i in result.StartsOf(AttractorKind.Unresolved)) Assert.InRange(result.LyapunovExponents[i], Math.Log(2) - 0.3, Math.Log(2) + 0.3);
        foreach (var orbit in result.Orbits) Assert.False(orbit.IsStable, $"period {orbit.Period} at {orbit.Points[0, 0]} reported stable");
        foreach (var orbit in result.FixedPoints.Where(o => Math.Abs(o.Points[0, 0]) < 1e-6)) Assert.Equal(4, orbit.MaxMultiplier, 1e-2);
    }

    [Fact]
    public void ContractionHasOneFixedPointWhoseBasinIsEverything()
    {
        // f(z) = 0.5 z + b: the fixed point 2b, every multiplier 0.5.
        float[] b = [1f, -2f, 0.5f];
        var bias = Tensor.FromArray(b, 1, 3);
        var map = IteratedMap.FromFunction(3, z => z * 0.5f + bias);
        var starts = Uniform(100, 3, -8, 8, 4);
        var result = AttractorKindClassifier.Classify(map, starts);
        Assert.Equal(100, result.FixedCount);
        var point = Assert.Single(result.Orbits);
        Assert.Equal(1, point.Period);
        Assert.Equal(100, point.BasinSize);
        for (int c = 0; c < 3; c++) Assert.Equal(2 * b[c], point.Points[0, c], 2e-3);
        Assert.All(point.Multipliers, m => Assert.Equal(0.5, m.Real, 1e-4));
        Assert.All(result.Basins, x => Assert.Equal(0, x));
        Assert.Equal(0, result.UnresolvedCount + result.PeriodicCount + result.DivergedCount);
    }

    [Fact]
    public void SquaringMapSendsInsideToZeroAndOutsideToInfinity()
    {
        // x -> x^2: |x| < 1 ends at the super-stable fixed point 0 (multiplier 0), |x| > 1 diverges.
        var map = IteratedMap.FromFunction(1, x => x * x);
        var result = AttractorKindClassifier.Classify(map, Tensor.FromArray(new[] { -0.5f, 0.9f, 1.5f, -2f }, 4, 1));
        Assert.Equal([AttractorKind.FixedPoint, AttractorKind.FixedPoint, AttractorKind.Diverged, AttractorKind.Diverged], result.Kinds);
        Assert.Equal([0, 0, -1, -1], result.Basins);
        Assert.Equal(0, result.Orbits.Single().Points[0, 0], 1e-3);
        Assert.Equal(0, result.Orbits.Single().MaxMultiplier, 1e-3);
    }

    [Fact]
    public void NaNAndInfinityAreDivergedNotCrashes()
    {
        // sqrt(x - 10) is NaN below 10; a linear latent map z -> 2z overflows to infinity, which the latent map refuses
        // with an exception (the bound on the norm is lifted so that the overflow happens).
        var nan = AttractorKindClassifier.Classify(IteratedMap.FromFunction(1, x => (x - 10f).Sqrt()), Tensor.FromArray(new[] { 1f, 2f }, 2, 1));
        Assert.All(nan.Kinds, k => Assert.Equal(AttractorKind.Diverged, k));
        Assert.Equal(1, nan.Steps[0]);

        var doubling = new LatentMap(LinearAutoencoder.Scaled(2, [0.0, 0.0]));
        var options = new AttractorKindOptions { DivergenceNorm = 1e300 };
        var result = AttractorKindClassifier.Classify(doubling, Tensor.FromArray(new[] { 1f, 1f, 0f, 0f, -3f, 0.5f }, 3, 2), options);
        Assert.Equal([AttractorKind.Diverged, AttractorKind.FixedPoint, AttractorKind.Diverged], result.Kinds);
        Assert.InRange(result.Steps[0], 120, 130); // 2^128 overflows float32
    }

    [Fact]
    public void LatentMapCyclesAreSetsFoundFromEitherPhase()
    {
        // E(D(x)) = 1 - x through the autoencoder path: every x is on the 2-cycle {x, 1 - x} (multiplier 1) except the
        // fixed point 1/2 (multiplier -1). 0.1 and 0.9 are one orbit entered at opposite phases.
        var model = new LinearAutoencoder(new double[,] { { -1 } }, [1.0]);
        var result = AttractorKindClassifier.Classify(new LatentMap(model), Tensor.FromArray(new[] { 0.1f, 0.9f, 0.3f, 0.5f }, 4, 1));
        Assert.Equal([AttractorKind.PeriodicOrbit, AttractorKind.PeriodicOrbit, AttractorKind.PeriodicOrbit, AttractorKind.FixedPoint], result.Kinds);
        Assert.Equal(result.Basins[0], result.Basins[1]);
        Assert.NotEqual(result.Basins[0], result.Basins[2]);
        var first = result.Orbits[result.Basins[0]];
        Assert.Equal([0.1f, 0.9f], first.Points.ToArray(), (x, y) => Math.Abs(x - y) < 1e-5);
        Assert.Equal(1, first.Multipliers.Single().Real, 1e-5);
        Assert.Equal(-1, result.Orbits[result.Basins[3]].Multipliers.Single().Real, 1e-5);
    }

    [Fact]
    public void UnresolvedMotionIsToldApartByTheExponent()
    {
        var options = new AttractorKindOptions { MaxIterations = 300 };
        // z -> 0.98 z from coordinates 300-600 still moves more than 1e-3 per step after 300 steps: slow convergence with λ = ln 0.98.
        var slow = AttractorKindClassifier.Classify(IteratedMap.FromFunction(2, z => z * 0.98f), Uniform(20, 2, 300, 600, 5), options);
        Assert.Equal(20, slow.CountOf(UnresolvedMotion.SlowConvergence));
        Assert.All(slow.LyapunovExponents, l => Assert.Equal(Math.Log(0.98), l, 1e-4));

        // Rotation by 1 radian (an irrational fraction of a turn) on the attracting unit circle: quasi-periodic, λ = 0.
        var quasi = AttractorKindClassifier.Classify(Rotation(1.0, 0.5), Uniform(20, 2, 0.5, 2, 6), options);
        Assert.Equal(20, quasi.CountOf(UnresolvedMotion.QuasiPeriodic));
        Assert.All(quasi.LyapunovExponents, l => Assert.Equal(0, l, 5e-4));
        Assert.Empty(quasi.Orbits);
    }

    [Fact]
    public void BadOptionsNameTheOption()
    {
        var map = Logistic(3.2);
        var starts = Uniform(4, 1, 0.1, 0.9, 0);
        void Expect(string name, AttractorKindOptions options)
        {
            var e = Assert.Throws<ArgumentOutOfRangeException>(() => AttractorKindClassifier.Classify(map, starts, options));
            Assert.Equal(name, e.ParamName);
        }
        Expect("Tolerance", new AttractorKindOptions { Tolerance = 0 });
        Expect("Tolerance", new AttractorKindOptions { Tolerance = -1e-6 });
        Expect("MaxPeriod", new AttractorKindOptions { MaxPeriod = 0 });
        Expect("MaxIterations", new AttractorKindOptions { MaxIterations = 0 });
        Expect("Radius", new AttractorKindOptions { Radius = 0 });
        Expect("LyapunovSteps", new AttractorKindOptions { MaxIterations = 100 });
        Expect("ConfirmCycles", new AttractorKindOptions { ConfirmCycles = 0 });

        var tooMany = Assert.Throws<ArgumentOutOfRangeException>(() =>
            AttractorKindClassifier.Classify(map, starts, new AttractorKindOptions { MaxMemoryBytes = 100 }));
        Assert.Equal("starts", tooMany.ParamName);
        Assert.Contains("MaxMemoryBytes", tooMany.Message);

        Assert.Throws<ArgumentException>(() => AttractorKindClassifier.Classify(map, Tensor.FromArray(new[] { float.NaN }, 1, 1)));
        Assert.Throws<ArgumentException>(() => AttractorKindClassifier.Classify(map, Tensor.Zeros(3, 2)));
    }
}
