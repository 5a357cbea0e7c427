using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using LatentWorkbench.Engine;
using MathNet.Numerics.LinearAlgebra;

namespace LatentWorkbench.LatentFields;

/// <summary>Memorisation and generalisation measures of a set of attractors (paper, section on memorisation).</summary>
/// <example><code>
/// var train = Tensor.Randn(new Generator(1), 200, 64);      // training images [N, d] (or [N, 1, 28, 28])
/// var test = Tensor.Randn(new Generator(2), 50, 64);        // [n, d]
/// var decoded = train.Narrow(0, 0, 5).Contiguous();         // D(z*) of 5 attractors that copy training images, [m, d]
/// var report = Memorization.Evaluate(decoded, train, test);
/// double[] best = Memorization.MaxCosine(decoded, train);   // [m], 1 for an exact copy
/// int rank = Memorization.EffectiveRank(decoded);           // at most m
/// </code></example>
public static class Memorization
{
    /// <summary>
    /// For each row of <paramref name="queries"/> [m, d], the largest cosine similarity to any row of
    /// <paramref name="reference"/> [N, d] (one matrix product per chunk of the reference set); returns [m].
    /// </summary>
    public static double[] MaxCosine(Tensor queries, Tensor reference, int chunk = 8192)
    {
        ArgumentNullException.ThrowIfNull(queries);
        ArgumentNullException.ThrowIfNull(reference);
        if (queries.Rank != 2 || reference.Rank != 2 || queries.Shape[1] != reference.Shape[1])
            throw new ArgumentException($"queries [m, d] and reference [N, d] must share d; got [{string.Join(", ", queries.Shape)}] and [{string.Join(", ", reference.Shape)}]");
        int m = queries.Shape[0], n = reference.Shape[0], d = queries.Shape[1];
        var q = UnitRows(queries);
        var best = new double[m];
        Array.Fill(best, double.NegativeInfinity);
        for (int r0 = 0; r0 < n; r0 += chunk)
        {
            int rows = Math.Min(chunk, n - r0);
            var r = UnitRows(reference.Narrow(0, r0, rows));
            var sims = q.MatMul(r.T).Contiguous().AsSpan();
            for (int i = 0; i < m; i++) best[i] = Math.Max(best[i], TensorPrimitives.Max(sims.Slice(i * rows, rows)));
        }
        return best;
    }

    private static Tensor UnitRows(Tensor x)
    {
        int n = x.Shape[0], d = x.Shape[1];
        var data = x.Contiguous().ToArray();
        for (int i = 0; i < n; i++)
        {
            var row = data.AsSpan(i * d, d);
            float norm = TensorPrimitives.Norm(row);
            if (norm > 0) TensorPrimitives.Divide(row, norm, row);
        }
        return Tensor.FromArray(data, n, d);
    }

    /// <summary>
    /// Number of singular vectors of the centred rows of <paramref name="decoded"/> [m, d] needed to explain
    /// <paramref name="fraction"/> of their variance (the paper's "generalisation entropy" of D(Z*)).
    /// </summary>
    public static int EffectiveRank(Tensor decoded, double fraction = 0.9)
    {
        int m = decoded.Shape[0], d = decoded.Shape[1];
        if (m < 2) return m;
        var data = decoded.Contiguous().ToArray();
        var mat = Matrix<double>.Build.Dense(m, d, (i, j) => data[i * d + j]);
        var mean = mat.ColumnSums() / m;
        for (int i = 0; i < m; i++) mat.SetRow(i, mat.Row(i) - mean);
        // The m x m Gram matrix has the squared singular values as eigenvalues and is small when m << d.
        var ev = (mat * mat.Transpose()).Evd(Symmetricity.Symmetric).EigenValues.Select(e => Math.Max(e.Real, 0)).OrderByDescending(v => v).ToArray();
        double total = ev.Sum();
        if (total <= 0) return 0;
        double acc = 0;
        for (int i = 0; i < ev.Length; i++)
        {
            acc += ev[i];
            if (acc >= fraction * total) return i + 1;
        }
        return ev.Length;
    }

    /// <summary>
    /// Memorisation report of attractors decoded to <paramref name="decodedAttractors"/> [m, d] against
    /// <paramref name="trainImages"/> [N, ...] and the null baseline of <paramref name="testImages"/> [n, ...] (images are
    /// flattened to d = the product of their trailing dimensions).
    /// </summary>
    public static MemorizationReport Evaluate(Tensor decodedAttractors, Tensor trainImages, Tensor testImages)
    {
        var coef = MaxCosine(decodedAttractors, Flat(trainImages));
        var nullCoef = MaxCosine(Flat(testImages), Flat(trainImages));
        return new MemorizationReport(coef, Mean(coef), Std(coef), Mean(nullCoef), EffectiveRank(decodedAttractors));
    }

    internal static Tensor Flat(Tensor x) => x.Rank == 2 ? x : x.Contiguous().Reshape(x.Shape[0], x.Numel / Math.Max(x.Shape[0], 1));

    private static double Mean(double[] v) => v.Length == 0 ? double.NaN : v.Average();

    private static double Std(double[] v)
    {
        if (v.Length == 0) return double.NaN;
        double m = v.Average();
        return Math.Sqrt(v.Sum(x => (x - m) * (x - m)) / v.Length);
    }
}

/// <summary>
/// Per-attractor memorisation coefficients (max cosine of D(z*) to the training set), their mean and std, the null
/// baseline (mean nearest-training cosine of test images) and the generalisation entropy (90% variance rank of D(Z*)).
/// </summary>
/// <param name="Coefficients">Per attractor, the largest cosine of D(z*) to a training image, [m].</param>
/// <param name="Mean">Mean of <paramref name="Coefficients"/>.</param>
/// <param name="Std">Population standard deviation of <paramref name="Coefficients"/>.</param>
/// <param name="NullBaseline">Mean over test images of their largest cosine to a training image.</param>
/// <param name="GeneralizationEntropy">Singular vectors of the centred D(Z*) that explain 90% of its variance.</param>
public sealed record MemorizationReport(double[] Coefficients, double Mean, double Std, double NullBaseline, int GeneralizationEntropy);
