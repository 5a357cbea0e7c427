using LatentWorkbench.Interop;
using MathNet.Numerics.LinearAlgebra;

namespace LatentWorkbench.FunctionalMaps;

/// <summary>
/// The LFM alignment pipeline: graphs and eigenbases on both spaces, geodesic anchor descriptors, a functional
/// map, its point-to-point correspondence, and a transfer fitted on the matched pairs (used for retrieval and stitching).
/// </summary>
public static class LatentAligner
{
    /// <summary>
    /// Aligns X to Y from <paramref name="anchorPairs"/> (index in X, index in Y) known correspondences. The transfer
    /// is fitted on the map's reciprocal matches (<see cref="FunctionalMap.MutualMatches"/>) when
    /// <paramref name="mutualOnly"/> and there are enough of them, else on the full point-to-point map (the paper).
    /// </summary>
    /// <param name="x">The source space X (n_X points, d_X dimensions).</param>
    /// <param name="y">The target space Y (n_Y points, d_Y dimensions).</param>
    /// <param name="anchorPairs">At least 2 known correspondences [anchors]: (row of X, row of Y); the descriptors are geodesic distances to them.</param>
    /// <param name="kind">Family of the fitted transfer; rigid (rotation plus offset) by default, as the Procrustes baseline.</param>
    /// <param name="options">Functional-map weights and basis sizes (the paper's when null).</param>
    /// <param name="mutualOnly">Fit the transfer on reciprocal matches only (ours; false is the paper's full point-to-point map).</param>
    /// <returns>The transfer, mapping rows [m, d_X] to [m, d_Y], and the functional map C [k, k].</returns>
    /// <example><code>
    /// var bx = SpectralBasis.Build(latentsA, neighbors: 30, metric: DistanceMetric.Euclidean);   // latentsA [n, d_X]
    /// var by = SpectralBasis.Build(latentsB, neighbors: 30, metric: DistanceMetric.Euclidean);   // latentsB [n, d_Y]
    /// var anchors = LfmRetrieval.Anchors(latentsA.Size(0), count: 10, seed: 0).Select(i => (i, i)).ToArray();
    /// var (transfer, map) = LatentAligner.Align(bx, by, anchors);
    /// double mrr = Retrieval.MeanReciprocalRank(transfer.Apply(latentsA), latentsB);
    /// </code></example>
    public static (LatentTransfer Transfer, FunctionalMap Map) Align(SpectralBasis x, SpectralBasis y,
        IReadOnlyList<(int X, int Y)> anchorPairs, TransferKind kind = TransferKind.Rigid, FunctionalMapOptions? options = null,
        bool mutualOnly = true)
    {
        ArgumentNullException.ThrowIfNull(anchorPairs);
        if (anchorPairs.Count < 2) throw new ArgumentException($"anchorPairs: need at least 2 anchor correspondences, got {anchorPairs.Count}", nameof(anchorPairs));
        var dx = Descriptors.GeodesicMatrix(x.Adjacency, anchorPairs.Select(p => p.X).ToArray());
        var dy = Descriptors.GeodesicMatrix(y.Adjacency, anchorPairs.Select(p => p.Y).ToArray());
        var map = FunctionalMapSolver.Solve(x, y, dx, dy, options);
        return (FitTransfer(map, kind, mutualOnly), map);
    }

    /// <summary>
    /// Fits a transfer from the map's source points to its target points on the map's correspondences: its
    /// reciprocal matches when <paramref name="mutualOnly"/> and there are at least 2(d_X + 1) of them, else every
    /// point-to-point match (n_Y pairs).
    /// </summary>
    /// <example><code>
    /// var (rigid, map) = LatentAligner.Align(bx, by, anchors);
    /// var affine = LatentAligner.FitTransfer(map, TransferKind.Affine);   // same map, y = x W + b
    /// </code></example>
    public static LatentTransfer FitTransfer(FunctionalMap map, TransferKind kind, bool mutualOnly = true)
    {
        ArgumentNullException.ThrowIfNull(map);
        var mx = map.Source.PointSet.ToMatrix();
        var my = map.Target.PointSet.ToMatrix();
        var pairs = mutualOnly ? map.MutualMatches() : [];
        // A transfer in d dimensions needs comfortably more than d pairs; otherwise use every match.
        if (pairs.Length < 2 * (mx.ColumnCount + 1))
        {
            var p2p = map.PointToPoint();
            pairs = Enumerable.Range(0, p2p.Length).Select(i => (p2p[i], i)).ToArray();
        }
        var src = Matrix<double>.Build.Dense(pairs.Length, mx.ColumnCount, (i, j) => mx[pairs[i].X, j]);
        var dst = Matrix<double>.Build.Dense(pairs.Length, my.ColumnCount, (i, j) => my[pairs[i].Y, j]);
        return LatentTransfer.Fit(src, dst, kind);
    }
}
