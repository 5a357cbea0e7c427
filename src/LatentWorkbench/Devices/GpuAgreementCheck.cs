using LatentWorkbench.Engine;
using LatentWorkbench.Engine.Cuda;
using LatentWorkbench.Engine.NN;
using LatentWorkbench.LatentFields;
using LatentWorkbench.Models;

namespace LatentWorkbench.Devices;

/// <summary>One comparison of the GPU path with the CPU engine: the largest difference seen and the tolerance it must stay within.</summary>
public sealed record GpuCheckResult(string Check, double MaxDifference, double Tolerance, string Detail)
{
    /// <summary>Whether the difference is within tolerance.</summary>
    public bool Passed => MaxDifference <= Tolerance;
}

/// <summary>
/// Runs the GPU routines side by side with the CPU engine on seeded inputs, for a machine with a GPU but no .NET SDK
/// (the self-contained <c>lwb device check</c>; the xunit tests of the CUDA path need the SDK). Differences are
/// relative: |gpu - cpu| / (1 + |cpu|).
/// </summary>
public static class GpuAgreementCheck
{
    /// <summary>Runs every check; throws when no GPU is usable.</summary>
    public static IReadOnlyList<GpuCheckResult> Run(ulong seed = 0)
    {
        _ = CudaRuntime.Context;
        return [InferencePlans(seed), LatentMaps(seed), Attractors(seed)];
    }

    private static GpuCheckResult InferencePlans(ulong seed)
    {
        var g = new Generator(seed);
        var chain = new Sequential(
            new LeakyReLU(0.1f), new Linear(16, 48, generator: g), new ReLU(), new Linear(48, 33, generator: g), new Tanh(), new Sigmoid(),
            new Linear(33, 7, generator: g), new LeakyReLU(0.2f), new Linear(7, 16, bias: false, generator: g));
        var cpu = new InferencePlan([chain]);
        using var gpu = new CudaInferencePlan([chain]);
        double worst = 0;
        foreach (int rows in new[] { 1, 5, 1000, 4099 })
        {
            var x = Tensor.Randn(g, rows, 16).AsSpan().ToArray();
            var expected = new float[rows * 16];
            var actual = new float[rows * 16];
            cpu.Run(x, expected, rows);
            gpu.Run(x, actual, rows);
            worst = Math.Max(worst, MaxRelative(expected, actual));
        }
        return new("inference-plan", worst, 1e-4, "LeakyReLU/ReLU/Tanh/Sigmoid chain, 1 to 4099 rows");
    }

    private static GpuCheckResult LatentMaps(ulong seed)
    {
        var model = new MlpAutoencoder(16, generator: new Generator(seed + 1));
        var z = Tensor.Randn(new Generator(seed + 2), 10000, 16).AsSpan().ToArray();
        var cpu = new LatentMap(model).Apply(z);
        using var map = new LatentMap(model, device: Device.Cuda);
        return new("latent-map", MaxRelative(cpu, map.Apply(z)), 1e-4, $"MLP autoencoder k = 16, 10,000 points, one step of E(D(z)) on {map.Device}");
    }

    private static GpuCheckResult Attractors(ulong seed)
    {
        var model = new MlpAutoencoder(8, generator: new Generator(seed + 3));
        var starts = LatentStarts.Gaussian(2000, 8, seed + 4);
        var options = new AttractorOptions { ComputeStability = false, Trajectory = new TrajectoryOptions { MaxIterations = 500 } };
        var cpu = AttractorFinder.Find(new LatentMap(model), starts, options);
        using var map = new LatentMap(model, device: Device.Cuda);
        var gpu = AttractorFinder.Find(map, starts, options);
        double diff = MaxRelative(cpu.Trajectories.Endpoints, gpu.Trajectories.Endpoints);
        return new("attractors", cpu.Count == gpu.Count ? diff : double.PositiveInfinity, 1e-3,
            $"2,000 N(0, I) starts, k = 8: {cpu.Count} attractors on the CPU, {gpu.Count} on {map.Device}; end points compared");
    }

    private static double MaxRelative(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual)
    {
        if (expected.Length != actual.Length) return double.PositiveInfinity;
        double worst = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            double d = Math.Abs(expected[i] - (double)actual[i]) / (1 + Math.Abs(expected[i]));
            if (!(d <= worst)) worst = double.IsNaN(d) ? double.PositiveInfinity : d;
        }
        return worst;
    }
}
