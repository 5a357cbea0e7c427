using LatentWorkbench.Engine;
using LatentWorkbench.Graphs;
using LatentWorkbench.Interop;
using MathNet.Numerics.LinearAlgebra;

namespace LatentWorkbench.FunctionalMaps;

/// <summary>
/// Functions on a latent graph that correspond across spaces: distances to shared anchors, label indicators,
/// and the spectral signatures HKS and WKS. Each returns a tensor [n, q], one descriptor per column (the solver
/// itself works on the double-precision forms).
/// </summary>
public static class Descriptors
{
    /// <summary>
    /// exp(-d_geo^2) to each anchor, [n, anchors], d_geo the Dijkstra distance with edge length 1/w (unreachable: 0):
    /// the paper's descriptor when a few correspondences are known.
    /// </summary>
    /// <param name="adjacency">The graph [n, n] (e.g. <see cref="SpectralBasis.Adjacency"/>).</param>
    /// <param name="anchors">Node indices in 0..n-1, one column each.</param>
    /// <example><code>
    /// var d = Descriptors.GeodesicFromAnchors(basis.Adjacency, [3, 141, 59]);   // [n, 3]
    /// </code></example>
    public static Tensor GeodesicFromAnchors(SparseMatrix adjacency, IReadOnlyList<int> anchors) => GeodesicMatrix(adjacency, anchors).ToTensor();

    internal static Matrix<double> GeodesicMatrix(SparseMatrix adjacency, IReadOnlyList<int> anchors)
    {
        CheckAnchors(anchors, adjacency.Size);
        var f = Matrix<double>.Build.Dense(adjacency.Size, anchors.Count);
        Parallel.For(0, anchors.Count, a =>
        {
            var d = Dijkstra.Distances(adjacency, anchors[a]);
            for (int i = 0; i < d.Length; i++) f[i, a] = double.IsInfinity(d[i]) ? 0.0 : Math.Exp(-d[i] * d[i]);
        });
        return f;
    }

    /// <summary>Cosine distance 1 - cos(x_i, x_anchor) of each row of <paramref name="points"/> [n, d] to each anchor row: [n, anchors].</summary>
    public static Tensor CosineToAnchors(Tensor points, IReadOnlyList<int> anchors) => CosineMatrix(points.ToPoints(nameof(points)), anchors).ToTensor();

    internal static Matrix<double> CosineMatrix(PointSet points, IReadOnlyList<int> anchors)
    {
        CheckAnchors(anchors, points.Count);
        var x = points.ToMatrix().NormalizeRows(2.0);
        var a = Matrix<double>.Build.DenseOfRowVectors(anchors.Select(i => x.Row(i)));
        return 1.0 - x * a.Transpose();
    }

    /// <summary>
    /// One-hot label indicators low-pass filtered by the basis: Phi Phi^T 1_c for each class c in 0..classes-1, [n, classes];
    /// <paramref name="labels"/> [n] holds one label per point of the basis.
    /// </summary>
    public static Tensor LabelIndicators(SpectralBasis basis, IReadOnlyList<int> labels, int classes) => LabelMatrix(basis, labels, classes).ToTensor();

    internal static Matrix<double> LabelMatrix(SpectralBasis basis, IReadOnlyList<int> labels, int classes)
    {
        ArgumentNullException.ThrowIfNull(basis);
        ArgumentNullException.ThrowIfNull(labels);
        if (classes < 1) throw new ArgumentOutOfRangeException(nameof(classes), classes, "must be at least 1");
        if (labels.Count != basis.Count)
            throw new ArgumentException($"labels: expected [n] with n = {basis.Count} (the points of the basis), got {labels.Count}", nameof(labels));
        var ind = Matrix<double>.Build.Dense(basis.Count, classes);
        for (int i = 0; i < labels.Count; i++)
        {
            if ((uint)labels[i] >= (uint)classes) throw new ArgumentOutOfRangeException(nameof(labels), labels[i], $"label at {i} must be in 0..{classes - 1}");
            ind[i, labels[i]] = 1;
        }
        return basis.PhiMatrix * (basis.PhiMatrix.Transpose() * ind);
    }

    /// <summary>
    /// Heat kernel signature sum_j exp(-t lambda_j) phi_j(x)^2, [n, scales], at <paramref name="scales"/> times geometric
    /// between 4 ln10 / lambda_max and 4 ln10 / lambda_1 (the paper's 10 scales).
    /// </summary>
    public static Tensor HeatKernelSignature(SpectralBasis basis, int scales = 10) => HeatKernelMatrix(basis, scales).ToTensor();

    internal static Matrix<double> HeatKernelMatrix(SpectralBasis basis, int scales = 10)
    {
        var lam = basis.EigenvalueVector;
        var phi = basis.PhiMatrix;
        double lmin = lam.Where(v => v > 1e-10).DefaultIfEmpty(1e-3).Min(), lmax = Math.Max(lam.Maximum(), lmin * 1.0001);
        double tmin = 4 * Math.Log(10) / lmax, tmax = 4 * Math.Log(10) / lmin;
        var f = Matrix<double>.Build.Dense(basis.Count, scales);
        for (int s = 0; s < scales; s++)
        {
            double t = scales == 1 ? tmin : tmin * Math.Pow(tmax / tmin, s / (double)(scales - 1));
            for (int j = 0; j < basis.K; j++)
            {
                double e = Math.Exp(-t * lam[j]);
                for (int i = 0; i < basis.Count; i++) f[i, s] += e * phi[i, j] * phi[i, j];
            }
        }
        return f;
    }

    /// <summary>
    /// Wave kernel signature [n, energies] with log-normal energy filters (sigma = 7 x energy spacing), each column
    /// normalised by its filter mass.
    /// </summary>
    public static Tensor WaveKernelSignature(SpectralBasis basis, int energies = 10) => WaveKernelMatrix(basis, energies).ToTensor();

    internal static Matrix<double> WaveKernelMatrix(SpectralBasis basis, int energies = 10)
    {
        var lam = basis.EigenvalueVector;
        var phi = basis.PhiMatrix;
        var logs = lam.Select(v => Math.Log(Math.Max(v, 1e-12))).ToArray();
        double lo = logs.Where((_, j) => lam[j] > 1e-10).DefaultIfEmpty(-7).Min(), hi = logs.Max();
        double step = energies > 1 ? (hi - lo) / (energies - 1) : 1.0;
        double sigma = 7 * Math.Max(step, 1e-6);
        var f = Matrix<double>.Build.Dense(basis.Count, energies);
        for (int s = 0; s < energies; s++)
        {
            double e = lo + s * step, mass = 0;
            for (int j = 0; j < basis.K; j++)
            {
                if (lam[j] <= 1e-10) continue;
                double c = Math.Exp(-(e - logs[j]) * (e - logs[j]) / (2 * sigma * sigma));
                mass += c;
                for (int i = 0; i < basis.Count; i++) f[i, s] += c * phi[i, j] * phi[i, j];
            }
            if (mass > 0) for (int i = 0; i < basis.Count; i++) f[i, s] /= mass;
        }
        return f;
    }

    internal static void CheckAnchors(IReadOnlyList<int> anchors, int n)
    {
        ArgumentNullException.ThrowIfNull(anchors);
        if (anchors.Count == 0) throw new ArgumentException("anchors: at least one anchor is needed", nameof(anchors));
        foreach (int a in anchors)
            if ((uint)a >= (uint)n) throw new ArgumentOutOfRangeException(nameof(anchors), a, $"anchor index must be in 0..{n - 1}");
    }
}
