using LatentWorkbench.Engine;
using LatentWorkbench.FunctionalMaps;
using LatentWorkbench.Graphs;
using LatentWorkbench.Interop;
using LatentWorkbench.Similarity;
using MathNet.Numerics.LinearAlgebra;

namespace LatentWorkbench.Experiments;

/// <summary>One point of the perturbation curve.</summary>
/// <param name="Shift">Distance the class was moved.</param>
/// <param name="Cka">Linear CKA between original and perturbed embeddings.</param>
/// <param name="Lfm">LFM similarity of the map induced by the identity correspondence.</param>
public sealed record LfmPerturbationPoint(double Shift, double Cka, double Lfm);

/// <summary>
/// The paper's perturbation experiment: move one class along the normal of a linear classifier (class vs rest)
/// and compare linear CKA with LFM similarity; CKA drops with the global geometry while the graph (and the
/// functional map) barely changes once the class has separated.
/// </summary>
public static class LfmPerturbation
{
    /// <summary>Unit normal [d] of the least-squares linear classifier separating <paramref name="cls"/> from the rest of <paramref name="points"/> [n, d].</summary>
    public static double[] ClassifierNormal(Tensor points, IReadOnlyList<int> labels, int cls) =>
        ClassifierNormal(points.ToPoints(nameof(points)), labels, cls).ToArray();

    internal static Vector<double> ClassifierNormal(PointSet points, IReadOnlyList<int> labels, int cls)
    {
        if (labels.Count != points.Count) throw new ArgumentException($"labels: {labels.Count} labels for {points.Count} points", nameof(labels));
        var x = points.ToMatrix().CenterColumns();
        var t = Vector<double>.Build.Dense(points.Count, i => labels[i] == cls ? 1.0 : -1.0);
        var w = x.Svd(true).Solve(t);
        return w / w.L2Norm();
    }

    /// <summary>The rows of <paramref name="points"/> [n, d] of class <paramref name="cls"/> moved by <paramref name="shift"/> along <paramref name="direction"/> [d].</summary>
    public static Tensor Shift(Tensor points, IReadOnlyList<int> labels, int cls, double[] direction, double shift) =>
        Shift(points.ToPoints(nameof(points)), labels, cls, Vector<double>.Build.DenseOfArray(direction), shift).ToTensor();

    internal static PointSet Shift(PointSet points, IReadOnlyList<int> labels, int cls, Vector<double> direction, double shift)
    {
        var data = (float[])points.Data.Clone();
        for (int i = 0; i < points.Count; i++)
            if (labels[i] == cls)
                for (int j = 0; j < points.Dim; j++) data[i * points.Dim + j] += (float)(shift * direction[j]);
        return new PointSet(data, points.Count, points.Dim);
    }

    /// <summary>
    /// The curve over <paramref name="shifts"/>. Graph settings follow lfmap: a kNN graph with enough neighbours
    /// that the Laplacian's low modes describe clusters rather than individual points (k = 30 for about a thousand
    /// points; the paper used k = 300 for 10,000), 50 eigenvectors; the map is the one the identity correspondence
    /// induces, C = Phi_moved^T Phi_original.
    /// </summary>
    public static IReadOnlyList<LfmPerturbationPoint> Run(Tensor embeddings, IReadOnlyList<int> labels, int cls, IReadOnlyList<double> shifts,
        int neighbors = 30, int eigenpairs = 50, DistanceMetric metric = DistanceMetric.Euclidean)
    {
        var points = embeddings.ToPoints(nameof(embeddings));
        // Euclidean graphs by default: a rigid shift of one class leaves its within-class neighbourhoods intact,
        // whereas angles to the origin (cosine) change for every shifted point.
        var normal = ClassifierNormal(points, labels, cls);
        var basis = SpectralBasis.Build(points, neighbors, eigenpairs, metric);
        var curve = new List<LfmPerturbationPoint>();
        foreach (double s in shifts)
        {
            var moved = Shift(points, labels, cls, normal, s);
            var b = SpectralBasis.Build(moved, neighbors, eigenpairs, metric);
            double lfm = RepresentationSimilarity.Lfm(b.PhiMatrix.TransposeThisAndMultiply(basis.PhiMatrix));
            curve.Add(new LfmPerturbationPoint(s, Cka.Linear(embeddings, moved.ToTensor()), lfm));
        }
        return curve;
    }

    /// <summary>
    /// Where the identity-induced map between the original and the shifted space distorts, lifted back to the
    /// original points (<see cref="MapDistortion"/>); same graph settings as <see cref="Run"/>.
    /// </summary>
    public static MapDistortionResult Distortion(Tensor embeddings, IReadOnlyList<int> labels, int cls, double shift,
        int neighbors = 30, int eigenpairs = 50, DistanceMetric metric = DistanceMetric.Euclidean)
    {
        var points = embeddings.ToPoints(nameof(embeddings));
        var normal = ClassifierNormal(points, labels, cls);
        var basis = SpectralBasis.Build(points, neighbors, eigenpairs, metric);
        var moved = SpectralBasis.Build(Shift(points, labels, cls, normal, shift), neighbors, eigenpairs, metric);
        return MapDistortion.Compute(moved.PhiMatrix.TransposeThisAndMultiply(basis.PhiMatrix), basis.PhiMatrix);
    }
}
