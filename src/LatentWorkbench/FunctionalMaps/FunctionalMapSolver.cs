using LatentWorkbench.Engine;
using LatentWorkbench.Interop;
using MathNet.Numerics.LinearAlgebra;

namespace LatentWorkbench.FunctionalMaps;

/// <summary>Fits a functional map between two latent graphs from corresponding descriptors, then refines it with ZoomOut.</summary>
public static class FunctionalMapSolver
{
    /// <summary>
    /// Minimises the functional-map energy with L-BFGS from C = I (first column fixed to e_1: constants map to
    /// constants) on the first <see cref="FunctionalMapOptions.BasisSize"/> eigenvectors; then ZoomOut.
    /// </summary>
    /// <param name="source">The space X (n_X points).</param>
    /// <param name="target">The space Y (n_Y points).</param>
    /// <param name="descSource">Descriptors on X [n_X, q]: q functions on X's points, one per column.</param>
    /// <param name="descTarget">The corresponding descriptors on Y [n_Y, q]: column j of both is the same function.</param>
    /// <param name="options">Weights and iteration limits (paper defaults when null).</param>
    /// <returns>The map C [k, k]: k is <see cref="FunctionalMapOptions.ZoomOutTo"/> capped at both bases' sizes, or the initial size when that is not larger.</returns>
    /// <example><code>
    /// int[] anchors = [0, 10, 20, 30, 40];                                   // the same inputs in both spaces
    /// var dx = Descriptors.GeodesicFromAnchors(bx.Adjacency, anchors);        // [n_X, 5]
    /// var dy = Descriptors.GeodesicFromAnchors(by.Adjacency, anchors);        // [n_Y, 5]
    /// var map = FunctionalMapSolver.Solve(bx, by, dx, dy);                     // map.C [50, 50]
    /// </code></example>
    public static FunctionalMap Solve(SpectralBasis source, SpectralBasis target, Tensor descSource, Tensor descTarget, FunctionalMapOptions? options = null) =>
        Solve(source, target, descSource.ToMatrix(), descTarget.ToMatrix(), options);

    internal static FunctionalMap Solve(SpectralBasis source, SpectralBasis target, Matrix<double> descSource, Matrix<double> descTarget, FunctionalMapOptions? options = null)
    {
        options ??= new FunctionalMapOptions();
        int k = Math.Min(options.BasisSize, Math.Min(source.K, target.K));
        if (k < 2) throw new ArgumentException($"the bases need at least 2 eigenvectors, got {Math.Min(source.K, target.K)}", nameof(source));
        var objective = new FunctionalMapObjective(source.Truncated(k), source.EigenvalueVector.SubVector(0, k), descSource,
            target.Truncated(k), target.EigenvalueVector.SubVector(0, k), descTarget, options);
        var mask = Matrix<double>.Build.Dense(k, k, (_, j) => j == 0 ? 0.0 : 1.0);
        var (c, iterations) = Lbfgs.MinimizeQuadratic(objective.Gradient, objective.Curvature, Matrix<double>.Build.DenseIdentity(k), mask,
            options.MaxIterations, options.GradientTolerance);
        var map = new FunctionalMap(c, source, target, iterations);
        int to = Math.Min(options.ZoomOutTo, Math.Min(source.K, target.K));
        return to > k ? ZoomOut.Refine(map, to, options.ZoomOutSteps) : map;
    }
}
