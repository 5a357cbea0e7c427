using MathNet.Numerics.LinearAlgebra;

namespace LatentWorkbench.LatentFields;

/// <summary>2-D views of latent point sets: the coordinates themselves for k = 2, the top two principal components otherwise.</summary>
public static class Projection
{
    /// <summary>The two leading principal directions [2 * k] and the mean [k] of <paramref name="points"/> [n * k].</summary>
    public static (double[] Directions, double[] Mean) Pca2(ReadOnlySpan<float> points, int k)
    {
        int n = points.Length / k;
        var mean = new double[k];
        for (int i = 0; i < n; i++) for (int c = 0; c < k; c++) mean[c] += points[i * k + c];
        for (int c = 0; c < k; c++) mean[c] /= Math.Max(n, 1);
        var cov = Matrix<double>.Build.Dense(k, k);
        for (int i = 0; i < n; i++)
            for (int a = 0; a < k; a++)
            {
                double da = points[i * k + a] - mean[a];
                for (int b = 0; b < k; b++) cov[a, b] += da * (points[i * k + b] - mean[b]);
            }
        var evd = cov.Evd(Symmetricity.Symmetric);
        var dirs = new double[2 * k];
        // MathNet sorts symmetric eigenvalues ascending: the last two columns are the leading components.
        for (int d = 0; d < Math.Min(2, k); d++)
            for (int c = 0; c < k; c++) dirs[d * k + c] = evd.EigenVectors[c, k - 1 - d];
        return (dirs, mean);
    }

    /// <summary>Projects both sets with the PCA of their union (or not at all for k = 2).</summary>
    public static (double[] Sx, double[] Sy, double[] Ax, double[] Ay) TwoD(float[] starts, float[] attractors, int k)
    {
        if (k == 2)
            return (Xs(starts, 0), Xs(starts, 1), Xs(attractors, 0), Xs(attractors, 1));
        var union = new float[starts.Length + attractors.Length];
        starts.CopyTo(union, 0);
        attractors.CopyTo(union, starts.Length);
        var (dirs, mean) = Pca2(union, k);
        var (sx, sy) = Project(starts, k, dirs, mean);
        var (ax, ay) = Project(attractors, k, dirs, mean);
        return (sx, sy, ax, ay);

        static double[] Xs(float[] p, int c)
        {
            var r = new double[p.Length / 2];
            for (int i = 0; i < r.Length; i++) r[i] = p[2 * i + c];
            return r;
        }
    }

    /// <summary>Coordinates of rows of <paramref name="points"/> along two directions after removing the mean.</summary>
    public static (double[] X, double[] Y) Project(ReadOnlySpan<float> points, int k, double[] directions, double[] mean)
    {
        int n = points.Length / k;
        var x = new double[n];
        var y = new double[n];
        for (int i = 0; i < n; i++)
            for (int c = 0; c < k; c++)
            {
                double v = points[i * k + c] - mean[c];
                x[i] += v * directions[c];
                if (k > 1) y[i] += v * directions[k + c];
            }
        return (x, y);
    }
}
