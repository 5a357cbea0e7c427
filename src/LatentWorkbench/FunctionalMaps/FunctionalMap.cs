using LatentWorkbench.Graphs;
using MathNet.Numerics.LinearAlgebra;

namespace LatentWorkbench.FunctionalMaps;

/// <summary>A functional map C (k x k) from functions on X to functions on Y, with the two bases it lives in.</summary>
public sealed class FunctionalMap
{
    /// <summary>The map: coefficients on Y = C * coefficients on X.</summary>
    public Matrix<double> C { get; }

    /// <summary>Source space.</summary>
    public SpectralBasis Source { get; }

    /// <summary>Target space.</summary>
    public SpectralBasis Target { get; }

    /// <summary>Solver iterations (L-BFGS) used.</summary>
    public int Iterations { get; }

    /// <summary>Wraps a map.</summary>
    public FunctionalMap(Matrix<double> c, SpectralBasis source, SpectralBasis target, int iterations = 0)
    {
        C = c; Source = source; Target = target; Iterations = iterations;
    }

    /// <summary>Basis size k.</summary>
    public int K => C.RowCount;

    /// <summary>For each point of Y, its matched point of X: nearest neighbour between rows of Phi_X C^T and Phi_Y.</summary>
    public int[] PointToPoint() => NearestNeighbors.Query(Source.Truncated(K) * C.Transpose(), Target.Truncated(K));

    /// <summary>
    /// Reciprocal matches (X index, Y index): y's nearest transported source point is x, and x's nearest target
    /// point is y. A cheap consistency filter: matches that survive both directions are far more often correct,
    /// which matters when a transfer is fitted on them.
    /// </summary>
    public (int X, int Y)[] MutualMatches()
    {
        var transported = Source.Truncated(K) * C.Transpose();
        var target = Target.Truncated(K);
        var yToX = NearestNeighbors.Query(transported, target);
        var xToY = NearestNeighbors.Query(target, transported);
        var pairs = new List<(int, int)>();
        for (int y = 0; y < yToX.Length; y++)
            if (xToY[yToX[y]] == y) pairs.Add((yToX[y], y));
        return pairs.ToArray();
    }
}
