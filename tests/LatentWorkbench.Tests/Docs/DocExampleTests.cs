using LatentWorkbench.Data;
using LatentWorkbench.Decomposition;
using LatentWorkbench.Engine;
using LatentWorkbench.FunctionalMaps;
using LatentWorkbench.Graphs;
using LatentWorkbench.Interop;
using LatentWorkbench.Koopman;
using LatentWorkbench.Metrics;
using LatentWorkbench.Models;
using LatentWorkbench.Similarity;
using LatentWorkbench.Topology;
using MathNet.Numerics.LinearAlgebra;

namespace LatentWorkbench.Tests.Docs;

/// <summary>
/// The &lt;example&gt; code of the public XML docs, run on small synthetic data (or a tiny Yin-Yang study in place of
/// the examples' quick configurations), each with the property its comments state. When an example changes, change its
/// test; an API change that breaks a test here breaks a documented example.
/// </summary>
public class DocExampleTests
{
    // Two copies of the same 300 points related by a rotation and an offset: the kNN graphs (Euclidean) coincide, so an
    // alignment should recover the correspondence.
    private static (Tensor A, Tensor B) RigidPair(int n = 300, int d = 8, double offset = 2.0)
    {
        var latentsA = Tensor.Randn(new Generator(0), n, d);
        var q = Matrix<double>.Build.Random(d, d, 5).QR().Q;
        var latentsB = (latentsA.ToMatrix() * q + offset).ToTensor();
        return (latentsA, latentsB);
    }

    // Three well separated classes of 100 points in 8 dimensions.
    private static (Tensor Embeddings, int[] Labels) Clusters()
    {
        var noise = Tensor.Randn(new Generator(1), 300, 8).ToMatrix();
        var labels = Enumerable.Range(0, 300).Select(i => i % 3).ToArray();
        var x = Matrix<double>.Build.Dense(300, 8, (i, j) => noise[i, j] + (j == labels[i] ? 6.0 : 0.0));
        return (x.ToTensor(), labels);
    }

    private static readonly Lazy<KoopmanStudy> TinyStudy = new(() => KoopmanStudy.Run(KoopmanStudyConfig.YinYang(quick: true) with
    {
        Classifier = new ClassifierOptions { Epochs = 3 },
        Koopman = new KoopmanOptions { Epochs = 2, PeakLearningRate = 0.05 },
    }));

    [Fact]
    public void SpectralBasisBuild()
    {
        var latents = Tensor.Randn(new Generator(0), 500, 16);                 // [n, d]
        var basis = SpectralBasis.Build(latents, neighbors: 30, eigenpairs: 50, DistanceMetric.Euclidean);
        var phi = basis.Phi;                                                     // [500, 50]
        double lambda1 = basis.Eigenvalues[1];                                   // Fiedler value

        Assert.Equal([500, 50], phi.Shape);
        Assert.Equal(0.0, basis.Eigenvalues[0], 6);
        Assert.True(lambda1 > 0);
    }

    [Fact]
    public void LatentAlignerAlignRecoversARigidCopy()
    {
        var (latentsA, latentsB) = RigidPair();
        var bx = SpectralBasis.Build(latentsA, neighbors: 30, metric: DistanceMetric.Euclidean);   // latentsA [n, d_X]
        var by = SpectralBasis.Build(latentsB, neighbors: 30, metric: DistanceMetric.Euclidean);   // latentsB [n, d_Y]
        var anchors = LfmRetrieval.Anchors(latentsA.Size(0), count: 10, seed: 0).Select(i => (i, i)).ToArray();
        var (transfer, map) = LatentAligner.Align(bx, by, anchors);
        double mrr = Retrieval.MeanReciprocalRank(transfer.Apply(latentsA), latentsB);

        var affine = LatentAligner.FitTransfer(map, TransferKind.Affine);   // same map, y = x W + b

        Assert.True(mrr > 0.95, $"MRR {mrr}");
        Assert.Equal([50, 50], map.C.Shape);
        Assert.Equal([8, 8], affine.W.Shape);
    }

    [Fact]
    public void FunctionalMapSolverZoomOutDescriptorsAndDistortion()
    {
        var (latentsA, latentsB) = RigidPair();
        var bx = SpectralBasis.Build(latentsA, neighbors: 30, metric: DistanceMetric.Euclidean);
        var by = SpectralBasis.Build(latentsB, neighbors: 30, metric: DistanceMetric.Euclidean);

        int[] anchors = [0, 10, 20, 30, 40];                                   // the same inputs in both spaces
        var dx = Descriptors.GeodesicFromAnchors(bx.Adjacency, anchors);        // [n_X, 5]
        var dy = Descriptors.GeodesicFromAnchors(by.Adjacency, anchors);        // [n_Y, 5]
        var map = FunctionalMapSolver.Solve(bx, by, dx, dy);                     // map.C [50, 50]
        Assert.Equal([300, 5], dx.Shape);
        Assert.Equal([50, 50], map.C.Shape);

        var initial = FunctionalMapSolver.Solve(bx, by, dx, dy, new FunctionalMapOptions { ZoomOutTo = 0 });   // C [40, 40]
        var refined = ZoomOut.Refine(initial, to: 50, steps: 10);                                              // C [50, 50]
        Assert.Equal([40, 40], initial.C.Shape);
        Assert.Equal([50, 50], refined.C.Shape);

        var d = Descriptors.GeodesicFromAnchors(bx.Adjacency, [3, 141, 59]);   // [n, 3]
        Assert.Equal([300, 3], d.Shape);

        var labelsX = Enumerable.Range(0, 300).Select(i => i % 10).ToArray();
        var distortion = MapDistortion.Compute(map);
        int worst = distortion.MostDistortedClass(labelsX, classes: 10);   // labelsX [n_X]
        Assert.Equal(300, distortion.PerPoint.Length);
        Assert.InRange(worst, 0, 9);
    }

    [Fact]
    public void LatentTransferFitMapsARigidCopyOntoItself()
    {
        var (latentsA, latentsB) = RigidPair();
        var transfer = LatentTransfer.Fit(latentsA, latentsB, TransferKind.Rigid);   // W [d_X, d_Y], Bias [d_Y]
        var mapped = transfer.Apply(latentsA);                                          // [n, d_Y]

        Assert.Equal([8, 8], transfer.W.Shape);
        Assert.Equal([8], transfer.Bias.Shape);
        var error = (mapped - latentsB).Abs().Max().Item();
        Assert.True(error < 1e-4, $"max error {error}");
    }

    [Fact]
    public void LfmPerturbationRunKeepsLfmHighWhileCkaFalls()
    {
        var (embeddings, labels) = Clusters();
        var options = LfmPerturbationOptions.Quick();                                   // 9 shifts, class 0
        var result = LfmPerturbation.Run(embeddings, labels, options);                 // embeddings [n, d], labels [n]
        var distortion = LfmPerturbation.Distortion(embeddings, labels, options, result.LargestShift);   // PerPoint [n]

        Assert.Equal(9, result.Curve.Count);
        Assert.Equal(1.0, result.Curve[0].Cka, 6);
        Assert.True(result.Curve[^1].Cka < result.Curve[0].Cka);
        Assert.True(result.Curve[^1].Lfm > result.Curve[^1].Cka, $"LFM {result.Curve[^1].Lfm}, CKA {result.Curve[^1].Cka}");
        Assert.Equal(300, distortion.PerPoint.Length);
    }

    [Fact]
    public void AlignmentBaselinesRetrieveARigidCopy()
    {
        // Three dimensions: 5 centred anchors pin a rotation down only in the (at most 4-D) span they occupy.
        var (latentsA, latentsB) = RigidPair(d: 3);
        (int, int)[] pairs = [(0, 0), (5, 5), (9, 9), (12, 12), (20, 20)];
        double procrustes = Retrieval.MeanReciprocalRank(AlignmentBaselines.ProcrustesOnAnchors(latentsA, latentsB, pairs), latentsB);

        Assert.Equal(1.0, procrustes, 6);

        // Cosines to anchors are invariant to a rotation about the origin (not to an offset).
        (latentsA, latentsB) = RigidPair(d: 3, offset: 0);
        int[] anchors = [0, 5, 9, 12, 20];
        double relative = Retrieval.MeanReciprocalRank(AlignmentBaselines.Relative(latentsA, anchors), AlignmentBaselines.Relative(latentsB, anchors));
        Assert.Equal(1.0, relative, 6);
    }

    [Fact]
    public void SimilarityMeasuresOfARotatedCopy()
    {
        var layerA = Tensor.Randn(new Generator(2), 200, 12);
        var q = Matrix<double>.Build.Random(12, 12, 7).QR().Q;
        var layerB = (layerA.ToMatrix() * q).ToTensor();

        double cka = Cka.Linear(layerA, layerB); // 1 when equal up to rotation and scale
        double s = Cca.Svcca(layerA, layerB); // paired [n, d_a] and [n, d_b], the same n inputs
        double pw = Cca.Pwcca(layerA, layerB); // not symmetric: the weights come from layerA
        double rbf = Cka.Rbf(layerA, layerB, threshold: 0.5);   // smaller threshold: more local
        double debiased = Cka.Debiased(layerA, layerB);
        double d = RepresentationSimilarity.ProcrustesDistance(layerA, layerB);
        double m = RepresentationSimilarity.MutualKnn(layerA, layerB, k: 10);
        double lfm = RepresentationSimilarity.LfmPaired(layerA, layerB);
        double identity = RepresentationSimilarity.Lfm(Tensor.Eye(50));   // 1: the identity map preserves every function

        Assert.Equal(1.0, cka, 6);
        Assert.Equal(1.0, s, 5);
        Assert.Equal(1.0, pw, 5);
        Assert.Equal(1.0, rbf, 5);
        Assert.Equal(1.0, debiased, 5);
        Assert.Equal(0.0, d, 3);
        Assert.Equal(1.0, m, 6);
        Assert.True(lfm > 0.99, $"LFM {lfm}");
        Assert.Equal(1.0, identity, 12);
    }

    [Fact]
    public void LayerSimilarityLfmMatrixHasOneEntryPerLayerPair()
    {
        var x = Tensor.Randn(new Generator(3), 120, 6);
        Tensor[] layersA = [x, x.Relu()];
        Tensor[] layersB = [x, x * 2f, x.Tanh()];
        var s = LayerSimilarity.LfmMatrix(layersA, layersB);
        var cka = LayerSimilarity.Matrix(layersA, layersB, Cka.Linear);

        Assert.Equal([2, 3], s.Shape);
        Assert.Equal(1.0, s[0, 0], 6);
        Assert.Equal(1.0, cka[0, 1], 6);
    }

    [Fact]
    public void KnnGraphAndLaplacianEigenbasis()
    {
        var w = KnnGraph.Build(Tensor.Randn(new Generator(0), 300, 8), k: 10, DistanceMetric.Euclidean);   // [300, 300]
        var basis = LaplacianEigenbasis.Compute(w, k: 20);                                                // Eigenvectors [300 * 20]
        var knn = KnnSearch.Search(Tensor.Randn(new Generator(0), 500, 8), k: 10); // knn.Indices [n * k]

        Assert.Equal(300, w.Size);
        Assert.Equal(300 * 20, basis.Eigenvectors.Length);
        Assert.Equal(500 * 10, knn.Indices.Length);
    }

    [Fact]
    public void PcaFitAndTransform()
    {
        var latents = Tensor.Randn(new Generator(4), 400, 6);
        var pca = new Pca(new PcaOptions { Components = 2 }).Fit(latents);   // latents [n, k]
        var plane = pca.Transform(latents);                                   // [n, 2]
        double share = pca.ExplainedVariance.Sum();                           // variance the plane keeps

        var three = new Pca(new PcaOptions { Components = 3 }).Fit(latents);   // points [n, d]
        var coordinates = three.Transform(latents);                             // [n, 3]
        double[] variance = three.ExplainedVariance;                            // [3], descending

        Assert.Equal([400, 2], plane.Shape);
        Assert.Equal([400, 3], coordinates.Shape);
        Assert.True(variance[0] >= variance[1] && variance[1] >= variance[2]);
        Assert.Equal(variance[0] + variance[1], share, 10);
    }

    [Fact]
    public void PersistenceExamples()
    {
        float[] points = [0, 0,  1, 0,  5, 0,  5, 1];                                // 4 points in the plane, [4 * 2]
        double[] deaths = PersistenceH0.DeathTimes(points, count: 4, dim: 2);        // [1, 1, 4]
        int components = PersistenceH0.Betti0(deaths, epsilon: 2.0);                 // 2
        Assert.Equal([1.0, 1.0, 4.0], deaths);
        Assert.Equal(2, components);

        var square = new float[] { 0, 0,  1, 0,  1, 1,  0, 1 };                       // a unit square, [4 * 2]
        var bars = PersistenceH1.Compute(square, count: 4, dim: 2, threshold: 2.0);    // one loop: born 1, dies sqrt(2)
        int[] beta1 = PersistenceH1.BettiCurve(bars, [0.5, 1.2, 1.5]);                  // [0, 1, 0]
        var loop = Assert.Single(bars);
        Assert.Equal(1.0, loop.Birth, 6);
        Assert.Equal(Math.Sqrt(2), loop.Death, 6);
        Assert.Equal([0, 1, 0], beta1);
    }

    [Fact]
    public void DetectionMetricsExample()
    {
        double auroc = DetectionMetrics.Auroc([0.1, 0.2, 0.4], [0.3, 0.9]);   // 5 of 6 pairs ordered: 0.833
        double fpr = DetectionMetrics.Fpr95([0.1, 0.2, 0.4], [0.3, 0.9]);     // 1/3: 0.4 is flagged before 0.3
        Assert.Equal(5.0 / 6, auroc, 12);
        Assert.Equal(1.0 / 3, fpr, 12);
    }

    [Fact]
    public void ClassUnlearningEditMovesTheForgottenRowsTowardsTheirTargets()
    {
        var a = Tensor.Eye(8);                                            // A [d, d]
        var forget = Tensor.Randn(new Generator(1), 30, 8);               // H [m, d]
        var retained = Tensor.Randn(new Generator(2), 200, 8);            // X_c [n, d]
        var t = new float[30 * 8];
        for (int i = 0; i < 30; i++) t[i * 8] = 3f;
        var targets = Tensor.FromArray(t, 30, 8);                         // T [m, d]: one point's image
        var edited = ClassUnlearning.Edit(a, forget, retained, targets, lambda: 0.1);   // A' [d, d]

        Assert.Equal([8, 8], edited.Shape);
        var h = forget.ToMatrix();
        Assert.True((h * edited.ToMatrix() - targets.ToMatrix()).FrobeniusNorm() < (h * a.ToMatrix() - targets.ToMatrix()).FrobeniusNorm());
    }

    [Fact]
    public void KoopmanAutoencoderIterates()
    {
        var kae = new KoopmanAutoencoder([10, 30, 20], steps: 100, new Generator(0));   // p = 10, o = 20
        Tensor[] path = kae.Iterates(Tensor.Randn(new Generator(1), 64, 10));          // 101 tensors [64, 10]
        Assert.Equal(101, path.Length);
        Assert.Equal([64, 10], path[^1].Shape);
        Assert.Equal([20, 20], kae.FullOperator().Shape);
    }

    [Fact]
    public void KoopmanStudyExamples()
    {
        var study = TinyStudy.Value;   // the examples use KoopmanStudyConfig.YinYang(quick: true): the same pipeline, trained longer
        var accuracy = StudyAccuracy.Measure(study, withDmd: true);
        Assert.InRange(accuracy.Surrogate, 0, 1);
        Assert.NotNull(accuracy.Dmd);

        var a = Dmd.FitOperator(study.TrainLayers[0], study.TrainLayers[^1]);   // [p, p]
        var spectrum = Dmd.Eigenvalues(a);                                       // [p] complex eigenvalues
        Assert.Equal([10, 10], a.Shape);
        Assert.Equal(10, spectrum.Length);

        double scale = KoopmanTopology.Scale(study);
        double eps = KoopmanTopology.DataThreshold(study.TestLayers[0], scale);   // median merge scale of the first layer
        int[] betti = KoopmanTopology.Betti0(study.TestLayers, eps, scale);       // [layers]
        Assert.Equal(6, betti.Length);

        var bettiAcross = BettiAcrossLayers.Run(study);
        Assert.Equal(6, bettiAcross.Layers.Length);
        Assert.Equal(101, bettiAcross.Iterations.Length);

        var raw = ClassifierTraining.CaptureLayers(study.Classifier, study.TestInputs);   // [n, width] per layer
        var transforms = LayerPreprocessing.Fit(raw, components: 10);
        var first = transforms[0].Apply(raw[0]);                                        // [n, 10], Frobenius norm 100
        Assert.Equal([1000, 10], first.Shape);
        Assert.Equal(100.0, Math.Sqrt(first.Pow(2f).Sum().Item()), 2);
    }

    [Fact]
    public void SurrogateUnlearningExamples()
    {
        var study = TinyStudy.Value;
        var edit = SurrogateUnlearning.EditedOperator(study, forgetClass: YinYang.Dot);
        int[] predictions = study.SurrogatePredictions(edit.Operator);   // [n_test]
        Assert.Equal([20, 20], edit.Operator.Shape);
        Assert.Equal(study.TestLabels.Length, predictions.Length);

        var result = SurrogateUnlearning.Run(study, forgetClass: YinYang.Dot);          // Before, After [3]
        Assert.Equal(3, result.Before.Length);
        Assert.Equal(3, result.After.Length);
        Assert.Equal(edit.Lambda, result.Lambda);
    }

    [Fact]
    public void IsometryAblationExample()
    {
        var study = TinyStudy.Value;
        var ablation = IsometryAblation.Run(study, new IsometryAblationOptions { Epochs = 2, Points = 200, H1Points = 60 });
        Assert.Equal(3, ablation.Weights.Count);
        for (int w = 0; w < ablation.Weights.Count; w++)
            Assert.Equal(101, ablation.Betti0AtReference[w].Length);
    }
}
