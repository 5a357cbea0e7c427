using MathNet.Numerics.LinearAlgebra;

namespace LatentWorkbench.FunctionalMaps;

/// <summary>
/// ZoomOut (Melzi et al. 2019): alternate the point-to-point map and the functional map it induces,
/// C = Phi_Y^T Pi Phi_X, growing the basis a few eigenvectors at a time.
/// </summary>
public static class ZoomOut
{
    /// <summary>Refines <paramref name="map"/> [k, k] to [to, to] in <paramref name="steps"/> steps (paper: 40 to 50 in 10).</summary>
    /// <param name="map">The initial map; its size k is where the refinement starts.</param>
    /// <param name="to">Final basis size, at most both bases' <see cref="SpectralBasis.K"/>.</param>
    /// <param name="steps">Number of alternations; each grows the basis by about (to - k) / steps.</param>
    /// <example><code>
    /// var initial = FunctionalMapSolver.Solve(bx, by, dx, dy, new FunctionalMapOptions { ZoomOutTo = 0 });   // C [40, 40]
    /// var refined = ZoomOut.Refine(initial, to: 50, steps: 10);                                              // C [50, 50]
    /// </code></example>
    public static FunctionalMap Refine(FunctionalMap map, int to, int steps)
    {
        if (to > map.Source.K || to > map.Target.K) throw new ArgumentOutOfRangeException(nameof(to), to, "ZoomOut target exceeds the computed eigenbasis");
        if (steps < 1) throw new ArgumentOutOfRangeException(nameof(steps), steps, "need at least one step");
        int from = map.K;
        var current = map;
        for (int s = 1; s <= steps; s++)
        {
            int k = from + (int)Math.Round((to - from) * s / (double)steps);
            var p2p = current.PointToPoint();
            current = new FunctionalMap(Induced(current, p2p, k), map.Source, map.Target, map.Iterations);
        }
        return current;
    }

    /// <summary>The k x k functional map induced by a point map (for each target point, its source point).</summary>
    internal static Matrix<double> Induced(FunctionalMap map, int[] targetToSource, int k)
    {
        var phiX = map.Source.Truncated(k);
        var pulled = Matrix<double>.Build.Dense(targetToSource.Length, k, (i, j) => phiX[targetToSource[i], j]);
        // Eigenvectors of the symmetric normalised Laplacian are orthonormal, so the pseudo-inverse is the transpose.
        return map.Target.Truncated(k).TransposeThisAndMultiply(pulled);
    }
}
