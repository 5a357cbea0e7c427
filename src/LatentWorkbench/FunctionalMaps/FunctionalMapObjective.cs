using MathNet.Numerics.LinearAlgebra;

namespace LatentWorkbench.FunctionalMaps;

/// <summary>
/// E(C) = w_d/2 ||C A - B||^2 + w_lap/2 sum_ij C_ij^2 D_ij + w_dc/2 sum_f ||C P_f - Q_f C||^2 with A, B the
/// descriptors in the spectral bases, D_ij = (mu_i - lambda_j)^2 divided by sum_ij D_ij (as pyFM and lfmap's rfm),
/// and P_f = Phi_X^T diag(f) Phi_X, Q_f = Phi_Y^T diag(g) Phi_Y. C maps coefficients on X to coefficients on Y.
/// The energy is quadratic in C, so gradient and exact line-search step are closed form.
/// </summary>
internal sealed class FunctionalMapObjective
{
    private readonly Matrix<double> a, b, d;
    private readonly Matrix<double>[] p, q;
    private readonly FunctionalMapOptions options;

    /// <summary>Basis size k.</summary>
    public int K { get; }

    /// <summary>Builds the objective from descriptors (n_X x q and n_Y x q, same columns) on both truncated bases.</summary>
    public FunctionalMapObjective(Matrix<double> phiX, Vector<double> lambdaX, Matrix<double> descX,
        Matrix<double> phiY, Vector<double> lambdaY, Matrix<double> descY, FunctionalMapOptions options)
    {
        if (descX.ColumnCount != descY.ColumnCount)
            throw new ArgumentException($"descriptors: X has {descX.ColumnCount} columns but Y has {descY.ColumnCount}; they must correspond one to one", nameof(descY));
        if (descX.RowCount != phiX.RowCount || descY.RowCount != phiY.RowCount)
            throw new ArgumentException("descriptors must have one row per point of their space", nameof(descX));
        if (phiX.ColumnCount != phiY.ColumnCount) throw new ArgumentException("both bases must have the same size k", nameof(phiY));
        this.options = options;
        K = phiX.ColumnCount;
        // Descriptors are scaled to unit norm so no single anchor dominates.
        var fx = NormalizeColumns(descX);
        var fy = NormalizeColumns(descY);
        a = phiX.Transpose() * fx;
        b = phiY.Transpose() * fy;
        d = Matrix<double>.Build.Dense(K, K, (i, j) => Math.Pow(lambdaY[i] - lambdaX[j], 2));
        // The paper's normalisation (lfmap rfm, pyFM): by the sum of the squared differences, not their Frobenius norm.
        double dn = d.Enumerate().Sum();
        if (dn > 0) d /= dn;
        p = new Matrix<double>[fx.ColumnCount];
        q = new Matrix<double>[fx.ColumnCount];
        for (int f = 0; f < fx.ColumnCount; f++)
        {
            p[f] = phiX.TransposeThisAndMultiply(phiX.Clone().MapIndexed((i, j, v) => v * fx[i, f]));
            q[f] = phiY.TransposeThisAndMultiply(phiY.Clone().MapIndexed((i, j, v) => v * fy[i, f]));
        }
    }

    /// <summary>The energy at C.</summary>
    public double Energy(Matrix<double> c) => Quadratic(c, a, b);

    /// <summary>The gradient at C.</summary>
    public Matrix<double> Gradient(Matrix<double> c)
    {
        var g = options.DescriptorWeight * (c * a - b) * a.Transpose();
        g += options.LaplacianWeight * c.PointwiseMultiply(d);
        for (int f = 0; f < p.Length; f++)
        {
            var r = c * p[f] - q[f] * c;
            g += options.CommutativityWeight * (r * p[f].Transpose() - q[f].Transpose() * r);
        }
        return g;
    }

    /// <summary>The curvature s^T H s along a direction (twice the energy's quadratic part).</summary>
    public double Curvature(Matrix<double> s) => 2 * Quadratic(s, a, null);

    private double Quadratic(Matrix<double> c, Matrix<double> aa, Matrix<double>? bb)
    {
        var res = c * aa;
        if (bb != null) res -= bb;
        double e = options.DescriptorWeight / 2 * Sq(res.FrobeniusNorm());
        e += options.LaplacianWeight / 2 * c.PointwiseMultiply(c).PointwiseMultiply(d).Enumerate().Sum();
        for (int f = 0; f < p.Length; f++) e += options.CommutativityWeight / 2 * Sq((c * p[f] - q[f] * c).FrobeniusNorm());
        return e;
    }

    private static double Sq(double x) => x * x;

    private static Matrix<double> NormalizeColumns(Matrix<double> m)
    {
        var r = m.Clone();
        for (int j = 0; j < r.ColumnCount; j++)
        {
            double norm = r.Column(j).L2Norm();
            if (norm > 0) r.SetColumn(j, r.Column(j) / norm);
        }
        return r;
    }
}
