using LatentWorkbench.Engine;
using LatentWorkbench.Graphs;
using LatentWorkbench.Interop;
using LatentWorkbench.Similarity;
using MathNet.Numerics.LinearAlgebra;

namespace LatentWorkbench.FunctionalMaps;

/// <summary>
/// The perturbation experiment's settings: which class moves, how far (as multiples of the embeddings' mean norm), and
/// the graphs the functional maps are built on (lfmap's: a Euclidean kNN graph, 50 eigenvectors).
/// </summary>
public sealed record LfmPerturbationOptions
{
    /// <summary>
    /// 25 shifts from 0 to 4 mean norms (the paper: 25 steps from 0 to 80 in CIFAR-10 CNN feature units). At 4 mean
    /// norms linear CKA has fallen to about 0.5. [25], ascending from 0.
    /// </summary>
    public static IReadOnlyList<double> PaperShiftFractions { get; } = Enumerable.Range(0, 25).Select(i => 4.0 * i / 24).ToArray();

    /// <summary>Shift distances as multiples of the embeddings' mean row norm (<see cref="LfmPerturbation.MeanNorm"/>), [shifts]; the paper's 25 by default.</summary>
    public IReadOnlyList<double> ShiftFractions { get; init; } = PaperShiftFractions;

    /// <summary>The class that is shifted (digit 0, as the paper's class 0).</summary>
    public int ShiftedClass { get; init; }

    /// <summary>
    /// Neighbours of the kNN graph: enough that the Laplacian's low modes describe clusters rather than single points
    /// (30 for about a thousand points; the paper used 300 for 10,000).
    /// </summary>
    public int Neighbors { get; init; } = 30;

    /// <summary>Basis size k of each graph's Laplacian eigenbasis, so the identity-induced map is [k, k] (paper: 50).</summary>
    public int Eigenpairs { get; init; } = 50;

    /// <summary>
    /// Distance of the kNN graphs. Euclidean: a rigid shift of one class leaves its within-class neighbourhoods intact,
    /// whereas angles to the origin (cosine) change for every shifted point.
    /// </summary>
    public DistanceMetric Metric { get; init; } = DistanceMetric.Euclidean;

    /// <summary>Every third of the paper's shifts (9 of 25), for the quick run.</summary>
    public static LfmPerturbationOptions Quick() => new() { ShiftFractions = PaperShiftFractions.Where((_, i) => i % 3 == 0).ToArray() };

    /// <summary>The settings of <c>lwb reproduce lfm</c>: <see cref="Quick"/> or the paper's 25 shifts.</summary>
    public static LfmPerturbationOptions For(bool quick) => quick ? Quick() : new();
}

/// <summary>The perturbation curve and the scale its shifts were measured in.</summary>
/// <param name="MeanNorm">Mean row norm of the embeddings; shift = fraction x MeanNorm.</param>
/// <param name="Fractions">The shifts as multiples of <paramref name="MeanNorm"/>, [shifts].</param>
/// <param name="Curve">CKA and LFM similarity at each shift, [shifts].</param>
public sealed record LfmPerturbationResult(double MeanNorm, IReadOnlyList<double> Fractions, IReadOnlyList<LfmPerturbationPoint> Curve)
{
    /// <summary>The largest shift applied (where the distortion is read).</summary>
    public double LargestShift => Curve.Count == 0 ? 0 : Curve[^1].Shift;
}

/// <summary>One point of the perturbation curve.</summary>
/// <param name="Shift">Distance the class was moved, in the embeddings' units (a fraction times <see cref="LfmPerturbationResult.MeanNorm"/>).</param>
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
    /// <summary>Mean Euclidean norm of the rows of <paramref name="points"/> [n, d] (the scale of the shifts).</summary>
    public static double MeanNorm(Tensor points)
    {
        var p = points.ToPoints(nameof(points));
        double total = 0;
        for (int i = 0; i < p.Count; i++) total += System.Numerics.Tensors.TensorPrimitives.Norm(p.Row(i));
        return total / p.Count;
    }

    /// <summary>
    /// The curve of <paramref name="options"/> (the paper's settings when null): <see cref="LfmPerturbationOptions.ShiftedClass"/>
    /// of <paramref name="embeddings"/> [n, d] (n inputs, d features) with <paramref name="labels"/> [n] moved by each
    /// fraction of their mean norm.
    /// </summary>
    /// <example><code>
    /// var options = LfmPerturbationOptions.Quick();                                   // 9 shifts, class 0
    /// var result = LfmPerturbation.Run(embeddings, labels, options);                 // embeddings [n, d], labels [n]
    /// Console.WriteLine($"CKA {result.Curve[^1].Cka:F2}, LFM {result.Curve[^1].Lfm:F2} at the largest shift");
    /// var distortion = LfmPerturbation.Distortion(embeddings, labels, options, result.LargestShift);   // PerPoint [n]
    /// </code></example>
    public static LfmPerturbationResult Run(Tensor embeddings, IReadOnlyList<int> labels, LfmPerturbationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(embeddings);
        ArgumentNullException.ThrowIfNull(labels);
        options ??= new LfmPerturbationOptions();
        double scale = MeanNorm(embeddings);
        var shifts = options.ShiftFractions.Select(f => f * scale).ToArray();
        var curve = Run(embeddings, labels, options.ShiftedClass, shifts, options.Neighbors, options.Eigenpairs, options.Metric);
        return new LfmPerturbationResult(scale, options.ShiftFractions, curve);
    }

    /// <summary>
    /// The distortion (<see cref="Distortion(Tensor, IReadOnlyList{int}, int, double, int, int, DistanceMetric)"/>) of
    /// <paramref name="embeddings"/> [n, d] with <paramref name="labels"/> [n] at <paramref name="shift"/> (in the embeddings'
    /// units) with <paramref name="options"/>' class and graphs; its per-point arrays are [n].
    /// </summary>
    public static MapDistortionResult Distortion(Tensor embeddings, IReadOnlyList<int> labels, LfmPerturbationOptions options, double shift)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Distortion(embeddings, labels, options.ShiftedClass, shift, options.Neighbors, options.Eigenpairs, options.Metric);
    }

    /// <summary>
    /// Unit normal [d] of the least-squares linear classifier separating <paramref name="cls"/> from the rest of
    /// <paramref name="points"/> [n, d] with <paramref name="labels"/> [n] (the paper uses a linear SVM's normal).
    /// </summary>
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

    /// <summary>
    /// The rows of <paramref name="points"/> [n, d] whose <paramref name="labels"/> [n] equal <paramref name="cls"/> moved by
    /// <paramref name="shift"/> along <paramref name="direction"/> [d]; returns [n, d], the other rows unchanged.
    /// </summary>
    public static Tensor Shift(Tensor points, IReadOnlyList<int> labels, int cls, double[] direction, double shift)
    {
        var p = points.ToPoints(nameof(points));
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(direction);
        if (labels.Count != p.Count) throw new ArgumentException($"labels: expected [n] with n = {p.Count} (the rows of points), got {labels.Count}", nameof(labels));
        if (direction.Length != p.Dim) throw new ArgumentException($"direction: expected [d] with d = {p.Dim} (the columns of points), got {direction.Length}", nameof(direction));
        if (!double.IsFinite(shift)) throw new ArgumentOutOfRangeException(nameof(shift), shift, "must be a finite distance");
        return Shift(p, labels, cls, Vector<double>.Build.DenseOfArray(direction), shift).ToTensor();
    }

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
    /// induces, C = Phi_moved^T Phi_original. <paramref name="embeddings"/> [n, d], <paramref name="labels"/> [n];
    /// <paramref name="shifts"/> are distances in the embeddings' units; returns one point per shift, [shifts].
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
    /// original points (<see cref="MapDistortion"/>); same graph settings as <see cref="Run(Tensor, IReadOnlyList{int}, int, IReadOnlyList{double}, int, int, DistanceMetric)"/>.
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
