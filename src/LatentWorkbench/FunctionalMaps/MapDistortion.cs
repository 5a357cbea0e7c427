using LatentWorkbench.Engine;
using LatentWorkbench.Interop;
using MathNet.Numerics.LinearAlgebra;

namespace LatentWorkbench.FunctionalMaps;

/// <summary>
/// Where a functional map distorts: the area shape difference M = C^T C (Rustamov et al. 2013) equals the identity
/// for an isometry-like map, so the eigenvectors of M - I with the largest |eigenvalue| are the source functions the
/// map stretches or shrinks most. Lifted back to the points through the source basis they localise the distortion;
/// the per-point score is diag(Phi |M - I| Phi^T), the distortion energy each point carries.
/// </summary>
public static class MapDistortion
{
    /// <summary>Distortion of <paramref name="map"/> [k, k] on its source space: per-point arrays are [n_X].</summary>
    /// <example><code>
    /// var (_, map) = LatentAligner.Align(bx, by, anchors);
    /// var distortion = MapDistortion.Compute(map);
    /// int worst = distortion.MostDistortedClass(labelsX, classes: 10);   // labelsX [n_X]
    /// </code></example>
    public static MapDistortionResult Compute(FunctionalMap map)
    {
        ArgumentNullException.ThrowIfNull(map);
        return Compute(map.Coefficients, map.Source.Truncated(map.K));
    }

    /// <summary>Distortion of a map <paramref name="c"/> [k, k] whose source basis is <paramref name="phi"/> ([n, k], orthonormal columns).</summary>
    public static MapDistortionResult Compute(Tensor c, Tensor phi) => Compute(c.ToMatrix(), phi.ToMatrix());

    internal static MapDistortionResult Compute(Matrix<double> c, Matrix<double> phi)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(phi);
        if (c.ColumnCount != phi.ColumnCount)
            throw new ArgumentException($"the map has {c.ColumnCount} source coefficients but the basis has {phi.ColumnCount} functions", nameof(phi));
        int k = c.ColumnCount, n = phi.RowCount;
        var e = c.TransposeThisAndMultiply(c) - Matrix<double>.Build.DenseIdentity(k);
        e = (e + e.Transpose()) / 2;  // symmetric up to round-off; make the eigensolver's job exact
        var evd = e.Evd(Symmetricity.Symmetric);
        var values = evd.EigenValues.Select(v => v.Real).ToArray();
        var lifted = phi * evd.EigenVectors;  // n x k: each eigenfunction of M - I on the points
        var perPoint = new double[n];
        for (int r = 0; r < k; r++)
        {
            double w = Math.Abs(values[r]);
            for (int i = 0; i < n; i++) perPoint[i] += w * lifted[i, r] * lifted[i, r];
        }
        int lead = 0;
        for (int r = 1; r < k; r++) if (Math.Abs(values[r]) > Math.Abs(values[lead])) lead = r;
        var leading = lifted.Column(lead).ToArray();
        // Sign convention: the lifted function is positive where it is largest in magnitude.
        int arg = 0;
        for (int i = 1; i < n; i++) if (Math.Abs(leading[i]) > Math.Abs(leading[arg])) arg = i;
        if (leading[arg] < 0) for (int i = 0; i < n; i++) leading[i] = -leading[i];
        var order = Enumerable.Range(0, k).OrderByDescending(r => Math.Abs(values[r])).ToArray();
        return new MapDistortionResult(perPoint, leading, values[lead], order.Select(r => values[r]).ToArray(),
            phi.ColumnCount > 2 ? phi.Column(1).ToArray() : null, phi.ColumnCount > 2 ? phi.Column(2).ToArray() : null);
    }
}
