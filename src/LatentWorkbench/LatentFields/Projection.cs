using LatentWorkbench.Decomposition;
using LatentWorkbench.Engine;

namespace LatentWorkbench.LatentFields;

/// <summary>2-D views of latent point sets: the coordinates themselves for k = 2, the top two principal components otherwise.</summary>
public static class Projection
{
    /// <summary>The two leading principal directions of row-major <paramref name="points"/> [n * k] (double precision, signs as solved).</summary>
    internal static PcaResult Pca2(ReadOnlySpan<float> points, int k) =>
        new Pca(new PcaOptions { Components = Math.Min(2, k), Sign = PcaSign.AsSolved }).Fit(Tensor.FromArray(points.ToArray(), points.Length / k, k));

    /// <summary>
    /// Projects <paramref name="starts"/> [n * k] and <paramref name="attractors"/> [m * k] onto the top two principal
    /// components of their union (or not at all for k = 2), so both show in one plane; returns x and y of the starts, [n]
    /// each, and of the attractors, [m] each.
    /// </summary>
    /// <example><code>
    /// var starts = LatentStarts.Gaussian(50, 4, seed: 0);        // [50 * 4]
    /// var attractors = LatentStarts.Gaussian(3, 4, seed: 1);     // [3 * 4]
    /// var (sx, sy, ax, ay) = Projection.TwoD(starts, attractors, k: 4);   // sx, sy [50]; ax, ay [3]
    /// </code></example>
    public static (double[] Sx, double[] Sy, double[] Ax, double[] Ay) TwoD(float[] starts, float[] attractors, int k)
    {
        if (k == 2)
            return (Xs(starts, 0), Xs(starts, 1), Xs(attractors, 0), Xs(attractors, 1));
        var union = new float[starts.Length + attractors.Length];
        starts.CopyTo(union, 0);
        attractors.CopyTo(union, starts.Length);
        var pca = Pca2(union, k);
        var (sx, sy) = Project(starts, pca);
        var (ax, ay) = Project(attractors, pca);
        return (sx, sy, ax, ay);

        static double[] Xs(float[] p, int c)
        {
            var r = new double[p.Length / 2];
            for (int i = 0; i < r.Length; i++) r[i] = p[2 * i + c];
            return r;
        }
    }

    /// <summary>Coordinates [n] along the first two components of <paramref name="pca"/> of row-major <paramref name="points"/> [n * k].</summary>
    internal static (double[] X, double[] Y) Project(ReadOnlySpan<float> points, PcaResult pca)
    {
        var c = pca.TransformDouble(points);
        int n = c.Length / pca.Count;
        var x = new double[n];
        var y = new double[n];
        for (int i = 0; i < n; i++)
        {
            x[i] = c[i * pca.Count];
            if (pca.Count > 1) y[i] = c[i * pca.Count + 1];
        }
        return (x, y);
    }
}
