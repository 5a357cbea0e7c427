using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using LatentWorkbench.Engine;
using LatentWorkbench.Engine.Autograd;
using LatentWorkbench.Models;
using MathNet.Numerics.LinearAlgebra;

namespace LatentWorkbench.LatentFields;

/// <summary>OOD scores on latents (higher = more out of distribution): the paper's trajectory score and three baselines.</summary>
/// <example><code>
/// using var map = new LatentMap(model);                                         // k = 4
/// var train = LatentStarts.Gaussian(100, 4, seed: 0);                           // training latents [N * k]
/// var attractors = AttractorFinder.Find(map, train).Attractors;                 // [m * k]
/// var test = LatentStarts.Gaussian(20, 4, seed: 1);                             // [n * k]
/// double[] trajectory = OodScores.Trajectory(map, attractors, test);            // [n], higher = more OOD
/// double[] knn = OodScores.Knn(train, test, k: 4, neighbours: 10);              // [n]
/// double[] mahalanobis = OodScores.Mahalanobis(train, test, k: 4);             // [n]
/// double[] fieldNorm = OodScores.FieldNorm(map, test);                          // [n]
/// double[] reconstruction = OodScores.Reconstruction(model, Tensor.Randn(new Generator(2), 20, 16));   // images [n, d] -> [n]
/// </code></example>
public static class OodScores
{
    /// <summary>
    /// The paper's score: the mean, over a point's trajectory (its start and every iterate until it stops), of the
    /// Euclidean distance to the nearest training attractor; <paramref name="attractors"/> [m * k], <paramref name="latents"/>
    /// [n * k], returns [n].
    /// </summary>
    public static double[] Trajectory(LatentMap map, ReadOnlySpan<float> attractors, ReadOnlySpan<float> latents, TrajectoryOptions? options = null) =>
        TrajectoryPrefixes(map, attractors, latents, [int.MaxValue], options)[0];

    /// <summary>
    /// The trajectory score over only the first <paramref name="pathLengths"/>[j] points of each path (the start is the
    /// first point; a length past the path's end gives the full score), from one run: row j holds every start's score
    /// for length j, [lengths][n]. Shows how averaging along the path changes what the start's distance alone says.
    /// <paramref name="attractors"/> [m * k], <paramref name="latents"/> [n * k].
    /// </summary>
    public static double[][] TrajectoryPrefixes(LatentMap map, ReadOnlySpan<float> attractors, ReadOnlySpan<float> latents, IReadOnlyList<int> pathLengths,
        TrajectoryOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(pathLengths);
        int k = map.Dim, m = map.RowCount(attractors.Length, nameof(attractors)), n = map.RowCount(latents.Length, nameof(latents));
        if (m == 0) throw new ArgumentException("need at least one training attractor", nameof(attractors));
        if (pathLengths.Count == 0) throw new ArgumentException("need at least one path length", nameof(pathLengths));
        foreach (int length in pathLengths)
            if (length < 1) throw new ArgumentOutOfRangeException(nameof(pathLengths), length, "path lengths must be at least 1 (the start alone)");
        var att = attractors.ToArray();
        var sums = new double[pathLengths.Count][];
        for (int j = 0; j < sums.Length; j++) sums[j] = new double[n];
        var counts = new int[n];
        Trajectories.Run(map, latents, options, (int i, ReadOnlySpan<float> z) =>
        {
            double nearest = Nearest(z, att, k);
            int seen = ++counts[i];
            for (int j = 0; j < sums.Length; j++) if (seen <= pathLengths[j]) sums[j][i] += nearest;
        });
        for (int j = 0; j < sums.Length; j++)
            for (int i = 0; i < n; i++) sums[j][i] /= Math.Min(counts[i], pathLengths[j]);
        return sums;
    }

    /// <summary>
    /// Not in the paper: the length of the field at the start, ||V(z)|| = ||E(D(z)) - z||, i.e. how far one
    /// decode-encode round trip moves the latent. Foreign inputs decode to in-distribution-looking images whose codes
    /// differ from the start, so the first step is long for them and short for latents the model reconstructs.
    /// <paramref name="latents"/> [n * k]; returns [n].
    /// </summary>
    public static double[] FieldNorm(LatentMap map, ReadOnlySpan<float> latents)
    {
        ArgumentNullException.ThrowIfNull(map);
        int k = map.Dim, n = map.RowCount(latents.Length, nameof(latents));
        var field = map.Field(latents);
        var scores = new double[n];
        for (int i = 0; i < scores.Length; i++) scores[i] = TensorPrimitives.Norm(field.AsSpan(i * k, k));
        return scores;
    }

    private static double Nearest(ReadOnlySpan<float> z, float[] points, int k)
    {
        double best = double.PositiveInfinity;
        for (int j = 0; j < points.Length / k; j++) best = Math.Min(best, TensorPrimitives.Distance(z, points.AsSpan(j * k, k)));
        return best;
    }

    /// <summary>
    /// Distance of each of <paramref name="latents"/> [n * k] to its K-th nearest of <paramref name="train"/> [N * k]
    /// (K = <paramref name="neighbours"/>, 50 by default as in the replication's KNN baseline); returns [n].
    /// </summary>
    public static double[] Knn(ReadOnlySpan<float> train, ReadOnlySpan<float> latents, int k, int neighbours = 50)
    {
        int nTrain = train.Length / k, n = latents.Length / k;
        if (neighbours < 1 || neighbours > nTrain) throw new ArgumentOutOfRangeException(nameof(neighbours), neighbours, $"must lie in 1..{nTrain} (training latents)");
        var tr = train.ToArray();
        var q = latents.ToArray();
        var scores = new double[n];
        Parallel.For(0, n, () => new float[nTrain], (i, _, dist) =>
        {
            var z = q.AsSpan(i * k, k);
            for (int j = 0; j < nTrain; j++) dist[j] = TensorPrimitives.Distance(z, tr.AsSpan(j * k, k));
            scores[i] = KthSmallest(dist, neighbours - 1);
            return dist;
        }, _ => { });
        return scores;
    }

    private static float KthSmallest(float[] values, int kth)
    {
        var copy = (float[])values.Clone();
        Array.Sort(copy);
        return copy[kth];
    }

    /// <summary>Mean squared reconstruction error ||D(E(x)) - x||^2 / d of each of <paramref name="inputs"/> [n, ...] (the model's input layout); returns [n].</summary>
    public static double[] Reconstruction(IAutoencoder model, Tensor inputs, int batchSize = 512)
    {
        int n = inputs.Shape[0];
        var scores = new double[n];
        using var mode = LatentMap.EvalScope(model);
        using var _ = GradMode.NoGrad();
        for (int r0 = 0; r0 < n; r0 += batchSize)
        {
            int rows = Math.Min(batchSize, n - r0);
            var x = inputs.Narrow(0, r0, rows).Contiguous();
            var xs = x.AsSpan();
            var rec = model.Decode(model.Encode(x)).Contiguous().AsSpan();
            int d = xs.Length / rows;
            for (int i = 0; i < rows; i++)
            {
                float dist = TensorPrimitives.Distance(rec.Slice(i * d, d), xs.Slice(i * d, d));
                scores[r0 + i] = dist * (double)dist / d;
            }
        }
        return scores;
    }

    /// <summary>
    /// Squared Mahalanobis distance of each of <paramref name="latents"/> [n * k] to the Gaussian fitted to
    /// <paramref name="train"/> [N * k] (covariance + 1e-6 I); returns [n].
    /// </summary>
    public static double[] Mahalanobis(ReadOnlySpan<float> train, ReadOnlySpan<float> latents, int k)
    {
        int nTrain = train.Length / k, n = latents.Length / k;
        var mean = new double[k];
        for (int i = 0; i < nTrain; i++) for (int c = 0; c < k; c++) mean[c] += train[i * k + c];
        for (int c = 0; c < k; c++) mean[c] /= nTrain;
        var cov = Matrix<double>.Build.Dense(k, k);
        for (int i = 0; i < nTrain; i++)
            for (int a = 0; a < k; a++)
            {
                double da = train[i * k + a] - mean[a];
                for (int b = 0; b < k; b++) cov[a, b] += da * (train[i * k + b] - mean[b]);
            }
        cov = cov / Math.Max(nTrain - 1, 1) + Matrix<double>.Build.DenseIdentity(k) * 1e-6;
        var chol = cov.Cholesky();
        var scores = new double[n];
        var v = Vector<double>.Build.Dense(k);
        for (int i = 0; i < n; i++)
        {
            for (int c = 0; c < k; c++) v[c] = latents[i * k + c] - mean[c];
            scores[i] = v.DotProduct(chol.Solve(v));
        }
        return scores;
    }
}
