using LatentWorkbench.Engine;
using LatentWorkbench.Graphs;
using LatentWorkbench.Interop;
using MathNet.Numerics.LinearAlgebra;

namespace LatentWorkbench.FunctionalMaps;

/// <summary>
/// A functional map C [k, k] from functions on X to functions on Y, with the two bases it lives in: a function with
/// coefficients a [k] in X's basis maps to C a in Y's.
/// </summary>
public sealed class FunctionalMap
{
    /// <summary>The map [k, k]: coefficients on Y = C * coefficients on X (rounded to float; the methods use the double map).</summary>
    public Tensor C => Coefficients.ToTensor();

    /// <summary>The map in double precision, as the solvers and refinements use it.</summary>
    internal Matrix<double> Coefficients { get; }

    /// <summary>The basis of X (n_X points) whose first k eigenvectors C reads from.</summary>
    public SpectralBasis Source { get; }

    /// <summary>The basis of Y (n_Y points) whose first k eigenvectors C writes to.</summary>
    public SpectralBasis Target { get; }

    /// <summary>L-BFGS iterations of the initial solve (ZoomOut refinement keeps the count: it has no iterations of its own).</summary>
    public int Iterations { get; }

    internal FunctionalMap(Matrix<double> c, SpectralBasis source, SpectralBasis target, int iterations = 0)
    {
        Coefficients = c; Source = source; Target = target; Iterations = iterations;
    }

    /// <summary>Basis size k of the map (after ZoomOut, the refined size).</summary>
    public int K => Coefficients.RowCount;

    /// <summary>For each point of Y, its matched point of X [n_Y]: nearest neighbour between rows of Phi_X C^T and Phi_Y.</summary>
    public int[] PointToPoint() => NearestNeighbors.Query(Source.Truncated(K) * Coefficients.Transpose(), Target.Truncated(K));

    /// <summary>
    /// Reciprocal matches (X index, Y index), [m] with m &lt;= n_Y, ordered by Y index: y's nearest transported source
    /// point is x, and x's nearest target point is y. A cheap consistency filter: matches that survive both directions
    /// are far more often correct, which matters when a transfer is fitted on them.
    /// </summary>
    public (int X, int Y)[] MutualMatches()
    {
        var transported = Source.Truncated(K) * Coefficients.Transpose();
        var target = Target.Truncated(K);
        var yToX = NearestNeighbors.Query(transported, target);
        var xToY = NearestNeighbors.Query(target, transported);
        var pairs = new List<(int, int)>();
        for (int y = 0; y < yToX.Length; y++)
            if (xToY[yToX[y]] == y) pairs.Add((yToX[y], y));
        return pairs.ToArray();
    }
}
