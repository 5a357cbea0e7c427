using System.Numerics;
using MathNet.Numerics.LinearAlgebra;

namespace LatentWorkbench.LatentFields;

/// <summary>Local linear behaviour of f at a fixed point: the Jacobian's eigenvalues and norms.</summary>
/// <param name="Eigenvalues">The eigenvalues of J_f [k], by decreasing modulus.</param>
/// <param name="SpectralRadius">The largest |eigenvalue|: below 1 the fixed point attracts.</param>
/// <param name="MaxSingularValue">The largest singular value of J_f: below 1 f contracts every direction near the point.</param>
/// <example><code>
/// var s = Stability.Of([0.5f, 0f, 0f, -0.8f], k: 2);   // J_f = diag(0.5, -0.8), row-major [k * k]
/// bool attracts = s.IsAttractor;                        // every |eigenvalue| &lt; 1
/// </code></example>
public sealed record Stability(Complex[] Eigenvalues, double SpectralRadius, double MaxSingularValue)
{
    /// <summary>A fixed point attracts when every eigenvalue of J_f lies strictly inside the unit circle.</summary>
    public bool IsAttractor => SpectralRadius < 1;

    /// <summary>Eigenvalues (sorted by decreasing modulus), spectral radius and largest singular value of a Jacobian <paramref name="jacobian"/>, row-major [k * k] (row i: gradient of output i).</summary>
    public static Stability Of(ReadOnlySpan<float> jacobian, int k)
    {
        if (jacobian.Length != k * k) throw new ArgumentException($"a {k} x {k} Jacobian needs {k * k} numbers; got {jacobian.Length}", nameof(jacobian));
        var m = Matrix<double>.Build.Dense(k, k);
        for (int i = 0; i < k; i++)
            for (int j = 0; j < k; j++) m[i, j] = jacobian[i * k + j];
        var eig = m.Evd().EigenValues.ToArray();
        Array.Sort(eig, (a, b) => b.Magnitude.CompareTo(a.Magnitude));
        double radius = eig.Length == 0 ? 0 : eig[0].Magnitude;
        double sigma = m.Svd(computeVectors: false).S[0];
        return new Stability(eig, radius, sigma);
    }
}
