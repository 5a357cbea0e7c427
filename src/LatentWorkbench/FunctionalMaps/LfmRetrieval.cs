using LatentWorkbench.Engine;
using LatentWorkbench.Graphs;
using LatentWorkbench.Interop;
using LatentWorkbench.Similarity;
using MathNet.Numerics.LinearAlgebra;

namespace LatentWorkbench.FunctionalMaps;

/// <summary>Retrieval MRR of the three alignment methods at one anchor budget.</summary>
/// <param name="Anchors">Number of anchor correspondences.</param>
/// <param name="Lfm">LFM alignment (functional map from geodesic anchor descriptors, rigid transfer fitted on its reciprocal matches).</param>
/// <param name="Procrustes">Orthogonal Procrustes fitted on the anchors.</param>
/// <param name="Relative">Relative representations (cosine to anchors).</param>
/// <param name="LfmAffine">The same functional map with an affine transfer (fitted on the same reciprocal matches).</param>
public sealed record LfmRetrievalPoint(int Anchors, double Lfm, double Procrustes, double Relative, double LfmAffine);

/// <summary>Aligns two spaces holding the same inputs from a few anchors and measures retrieval MRR.</summary>
public static class LfmRetrieval
{
    /// <summary>Anchor budgets of the retrieval sweep: 5, 10, 25 and 50 correspondences (the paper's LFM needs 5; Procrustes about 200).</summary>
    public static IReadOnlyList<int> DefaultAnchorCounts { get; } = [5, 10, 25, 50];

    /// <summary>
    /// Seeded anchor indices [count], distinct, in 0..n-1 (rows that hold the same inputs in both spaces): the first
    /// <paramref name="count"/> entries of a <see cref="Generator"/> permutation, so every bit of <paramref name="seed"/> counts.
    /// </summary>
    public static int[] Anchors(int n, int count, ulong seed)
    {
        if (count < 2 || count > n) throw new ArgumentOutOfRangeException(nameof(count), count, $"anchors must be in 2..{n}");
        return new Generator(seed).Permutation(n)[..count];
    }

    /// <summary>
    /// The functional-map settings of the retrieval: a small initial map (10 x 10, where few anchors still pin it
    /// down) grown by ZoomOut one eigenvector at a time to <paramref name="eigenpairs"/>, as lfmap's refinement does.
    /// </summary>
    public static FunctionalMapOptions DefaultOptions(int eigenpairs = 50) => new()
    {
        BasisSize = Math.Min(10, eigenpairs), ZoomOutTo = eigenpairs, ZoomOutSteps = Math.Max(1, eigenpairs - Math.Min(10, eigenpairs)),
    };

    /// <summary>
    /// MRR of each method for each anchor count; row i of <paramref name="latentsX"/> [n, d_X] and
    /// <paramref name="latentsY"/> [n, d_Y] is the same input. Graphs follow lfmap's retrieval notebook: Euclidean kNN,
    /// gaussian kernel, 50 eigenvectors (k = 30 neighbours for about a thousand points). Returns one point per entry of
    /// <paramref name="anchorCounts"/>, in its order.
    /// </summary>
    /// <example><code>
    /// var setup = LfmSetup.Create(quick: true, seed: 0);                      // two MNIST autoencoders, latents [800, 16]
    /// var curve = LfmRetrieval.Run(setup.LatentsA, setup.LatentsB, LfmRetrieval.DefaultAnchorCounts, seed: 0);
    /// Console.WriteLine($"MRR from {curve[0].Anchors} anchors: LFM {curve[0].Lfm:F3}, Procrustes {curve[0].Procrustes:F3}");
    /// </code></example>
    public static IReadOnlyList<LfmRetrievalPoint> Run(Tensor latentsX, Tensor latentsY, IReadOnlyList<int> anchorCounts, ulong seed,
        int neighbors = 30, int eigenpairs = 50, FunctionalMapOptions? options = null, DistanceMetric metric = DistanceMetric.Euclidean)
    {
        ArgumentNullException.ThrowIfNull(anchorCounts);
        var x = latentsX.ToPoints(nameof(latentsX));
        var y = latentsY.ToPoints(nameof(latentsY));
        if (x.Count != y.Count)
            throw new ArgumentException($"latentsY: expected [n, d_Y] with n = {x.Count} (the rows of latentsX), got {y.Count} rows; retrieval needs the same inputs in both", nameof(latentsY));
        var bx = SpectralBasis.Build(x, neighbors, eigenpairs, metric, seed: seed);
        var by = SpectralBasis.Build(y, neighbors, eigenpairs, metric, seed: seed);
        var mx = x.ToMatrix();
        var my = y.ToMatrix();
        options ??= DefaultOptions(eigenpairs);
        var result = new List<LfmRetrievalPoint>();
        foreach (int count in anchorCounts)
        {
            var anchors = Anchors(x.Count, count, seed);
            var pairs = anchors.Select(a => (a, a)).ToArray();
            var (transfer, map) = LatentAligner.Align(bx, by, pairs, TransferKind.Rigid, options);
            double lfm = Retrieval.MeanReciprocalRank(transfer.Apply(mx), my);
            double lfmAffine = Retrieval.MeanReciprocalRank(LatentAligner.FitTransfer(map, TransferKind.Affine).Apply(mx), my);
            double procrustes = Retrieval.MeanReciprocalRank(AlignmentBaselines.ProcrustesOnAnchors(mx, my, pairs), my);
            double relative = Retrieval.MeanReciprocalRank(AlignmentBaselines.Relative(mx, anchors), AlignmentBaselines.Relative(my, anchors));
            result.Add(new LfmRetrievalPoint(count, lfm, procrustes, relative, lfmAffine));
        }
        return result;
    }
}
