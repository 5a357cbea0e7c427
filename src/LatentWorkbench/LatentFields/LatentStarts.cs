using LatentWorkbench.Engine;
using LatentWorkbench.Engine.Autograd;
using LatentWorkbench.Models;

namespace LatentWorkbench.LatentFields;

/// <summary>Starting points for trajectories, as row-major arrays [n * k] (paper: train/test latents, N(0, I), a grid on [-8, 8]^2).</summary>
/// <example><code>
/// float[] gaussian = LatentStarts.Gaussian(n: 100, k: 4, seed: 0);           // [100 * 4]
/// float[] grid = LatentStarts.PaperGrid(perAxis: 50);                        // [-8, 8]^2, [50 * 50 * 2]
/// float[] latents = LatentStarts.Encode(model, images);                      // images [n, 16] -> [n * 4]
/// Tensor decoded = LatentStarts.Decode(model, latents);                      // [n, 16]
/// </code></example>
public static class LatentStarts
{
    /// <summary><paramref name="n"/> points from N(0, I_k) drawn from <paramref name="seed"/>, row-major [n * k].</summary>
    public static float[] Gaussian(int n, int k, ulong seed)
    {
        if (n < 0) throw new ArgumentOutOfRangeException(nameof(n), n, "must be non-negative");
        if (k < 1) throw new ArgumentOutOfRangeException(nameof(k), k, "must be positive");
        var g = new Generator(seed);
        var z = new float[n * k];
        for (int i = 0; i < z.Length; i++) z[i] = g.NextNormal();
        return z;
    }

    /// <summary>
    /// n = k Gaussian points orthogonalised (Gram-Schmidt, then scaled back to their original norms), the
    /// data-free dictionary's starts and baseline; row-major [n * k].
    /// </summary>
    public static float[] OrthogonalGaussian(int n, int k, ulong seed)
    {
        if (n > k) throw new ArgumentOutOfRangeException(nameof(n), n, $"at most k = {k} vectors can be orthogonal");
        var z = Gaussian(n, k, seed);
        var d = Array.ConvertAll(z, v => (double)v);
        for (int i = 0; i < n; i++)
        {
            var row = d.AsSpan(i * k, k);
            double norm0 = Math.Sqrt(Dot(row, row));
            for (int j = 0; j < i; j++)
            {
                var prev = d.AsSpan(j * k, k);
                double c = Dot(row, prev);
                for (int c2 = 0; c2 < k; c2++) row[c2] -= c * prev[c2];
            }
            double norm = Math.Sqrt(Dot(row, row));
            if (norm < 1e-12) throw new ArithmeticException("Gaussian starts were linearly dependent; choose another seed");
            for (int c2 = 0; c2 < k; c2++) row[c2] /= norm;
            // Keep the unit rows for later projections; scale a copy back to the typical Gaussian norm.
            for (int c2 = 0; c2 < k; c2++) z[i * k + c2] = (float)(row[c2] * norm0);
        }
        return z;
    }

    private static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double s = 0;
        for (int i = 0; i < a.Length; i++) s += a[i] * b[i];
        return s;
    }

    /// <summary>A regular nx x ny grid over a 2-D box, x fastest: [nx * ny * 2].</summary>
    public static float[] Grid((double Min, double Max) xRange, (double Min, double Max) yRange, int nx, int ny)
    {
        if (nx < 2 || ny < 2) throw new ArgumentOutOfRangeException(nameof(nx), $"a grid needs at least 2 points per axis; got {nx} x {ny}");
        var p = new float[nx * ny * 2];
        for (int j = 0; j < ny; j++)
            for (int i = 0; i < nx; i++)
            {
                int r = j * nx + i;
                p[2 * r] = (float)(xRange.Min + (xRange.Max - xRange.Min) * i / (nx - 1));
                p[2 * r + 1] = (float)(yRange.Min + (yRange.Max - yRange.Min) * j / (ny - 1));
            }
        return p;
    }

    /// <summary>The paper's grid for a 2-D bottleneck: uniform on [-8, 8]^2, x fastest, [perAxis * perAxis * 2].</summary>
    public static float[] PaperGrid(int perAxis = 50) => Grid((-8, 8), (-8, 8), perAxis, perAxis);

    /// <summary>Latents E(x) [n * k] of <paramref name="inputs"/> [n, ...] (the model's input layout), encoded in batches without gradients in evaluation mode.</summary>
    public static float[] Encode(IAutoencoder model, Tensor inputs, int batchSize = 1024)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(inputs);
        int n = inputs.Shape[0], k = model.LatentDim;
        var z = new float[n * k];
        using var mode = LatentMap.EvalScope(model);
        using var _ = GradMode.NoGrad();
        for (int r0 = 0; r0 < n; r0 += batchSize)
        {
            int rows = Math.Min(batchSize, n - r0);
            var e = model.Encode(inputs.Narrow(0, r0, rows).Contiguous()).Contiguous();
            if (e.Numel != rows * k) throw new ArgumentException($"the encoder returned shape [{string.Join(", ", e.Shape)}] for {rows} inputs; expected [{rows}, {k}]", nameof(inputs));
            e.AsSpan().CopyTo(z.AsSpan(r0 * k, rows * k));
        }
        return z;
    }

    /// <summary>Decodes <paramref name="latents"/> [n * k] into flattened reconstructions [n, d] (d = product of the input shape).</summary>
    public static Tensor Decode(IAutoencoder model, ReadOnlySpan<float> latents, int batchSize = 1024)
    {
        int k = model.LatentDim, n = latents.Length / k;
        using var mode = LatentMap.EvalScope(model);
        using var _ = GradMode.NoGrad();
        float[]? all = null;
        int d = 0;
        for (int r0 = 0; r0 < n; r0 += batchSize)
        {
            int rows = Math.Min(batchSize, n - r0);
            var x = model.Decode(Tensor.FromArray(latents.Slice(r0 * k, rows * k).ToArray(), rows, k)).Contiguous();
            d = x.Numel / rows;
            all ??= new float[n * d];
            x.AsSpan().CopyTo(all.AsSpan(r0 * d, rows * d));
        }
        return all is null ? Tensor.Zeros(0, 0) : Tensor.FromArray(all, n, d);
    }
}
