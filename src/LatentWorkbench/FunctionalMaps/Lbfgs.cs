using MathNet.Numerics.LinearAlgebra;

namespace LatentWorkbench.FunctionalMaps;

/// <summary>
/// Compact limited-memory BFGS for quadratic objectives: two-loop recursion for the direction and the exact
/// minimiser along it (the curvature is known), so no line search is needed.
/// </summary>
internal static class Lbfgs
{
    /// <summary>Minimises from <paramref name="x0"/>; <paramref name="mask"/> (1 = free, 0 = fixed) freezes entries.</summary>
    public static (Matrix<double> X, int Iterations) MinimizeQuadratic(Func<Matrix<double>, Matrix<double>> gradient,
        Func<Matrix<double>, double> curvature, Matrix<double> x0, Matrix<double>? mask = null,
        int maxIterations = 200, double tolerance = 1e-8, int memory = 10)
    {
        var x = x0.Clone();
        Matrix<double> Grad(Matrix<double> at) => mask == null ? gradient(at) : gradient(at).PointwiseMultiply(mask);
        var g = Grad(x);
        var s = new List<Matrix<double>>();
        var y = new List<Matrix<double>>();
        int it = 0;
        for (; it < maxIterations && g.FrobeniusNorm() > tolerance; it++)
        {
            var dir = g.Clone();
            var alpha = new double[s.Count];
            for (int i = s.Count - 1; i >= 0; i--)
            {
                alpha[i] = Dot(s[i], dir) / Dot(y[i], s[i]);
                dir -= alpha[i] * y[i];
            }
            if (s.Count > 0) dir *= Dot(s[^1], y[^1]) / Dot(y[^1], y[^1]);
            for (int i = 0; i < s.Count; i++)
            {
                double beta = Dot(y[i], dir) / Dot(y[i], s[i]);
                dir += (alpha[i] - beta) * s[i];
            }
            dir = -dir;
            double curv = curvature(dir), slope = Dot(g, dir);
            if (curv <= 0 || slope >= 0) { dir = -g; curv = curvature(dir); slope = Dot(g, dir); }
            if (curv <= 0) break;
            double t = -slope / curv;
            var step = t * dir;
            x += step;
            var gNew = Grad(x);
            var yk = gNew - g;
            if (Dot(yk, step) > 1e-300)
            {
                s.Add(step); y.Add(yk);
                if (s.Count > memory) { s.RemoveAt(0); y.RemoveAt(0); }
            }
            g = gNew;
        }
        return (x, it);
    }

    private static double Dot(Matrix<double> a, Matrix<double> b) => a.PointwiseMultiply(b).Enumerate().Sum();
}
