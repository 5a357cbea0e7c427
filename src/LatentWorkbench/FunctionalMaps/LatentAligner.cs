using LatentWorkbench.Graphs;
using MathNet.Numerics.LinearAlgebra;

namespace LatentWorkbench.FunctionalMaps;

/// <summary>
/// The LFM alignment pipeline: graphs and eigenbases on both spaces, geodesic anchor descriptors, a functional
/// map, its point-to-point correspondence, and a transfer fitted on the matched pairs (used for retrieval and stitching).
/// </summary>
public static class LatentAligner
{
    /// <summary>
    /// Aligns X to Y from <paramref name="anchorPairs"/> (index in X, index in Y) known correspondences.
    /// </summary>
    public static (LatentTransfer Transfer, FunctionalMap Map) Align(SpectralBasis x, SpectralBasis y,
        IReadOnlyList<(int X, int Y)> anchorPairs, TransferKind kind = TransferKind.Orthogonal, FunctionalMapOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(anchorPairs);
        if (anchorPairs.Count < 2) throw new ArgumentException($"anchorPairs: need at least 2 anchor correspondences, got {anchorPairs.Count}", nameof(anchorPairs));
        var dx = Descriptors.GeodesicFromAnchors(x.Adjacency, anchorPairs.Select(p => p.X).ToArray());
        var dy = Descriptors.GeodesicFromAnchors(y.Adjacency, anchorPairs.Select(p => p.Y).ToArray());
        var map = FunctionalMapSolver.Solve(x, y, dx, dy, options);
        var p2p = map.PointToPoint();
        var mx = Matrices.FromPoints(x.Points);
        var my = Matrices.FromPoints(y.Points);
        var src = Matrix<double>.Build.Dense(p2p.Length, mx.ColumnCount, (i, j) => mx[p2p[i], j]);
        return (LatentTransfer.Fit(src, my, kind), map);
    }
}
