using LatentWorkbench.Engine;
using LatentWorkbench.Figures;
using LatentWorkbench.LatentFields;
using LatentWorkbench.Models;
using LatentWorkbench.Progress;

namespace LatentWorkbench.Tests.Docs;

/// <summary>
/// The &lt;example&gt; code of the latent-field method's public XML docs, on a tiny untrained autoencoder (k = 4, 16
/// pixels) or a closed-form map, each with the property its comments state. When an example changes, change its test.
/// </summary>
public class LatentFieldDocExampleTests
{
    static LatentFieldDocExampleTests() => ProgressBar.Enabled = false;

    // The examples' model: any IAutoencoder works; an untrained one keeps each example under a second.
    private static MlpAutoencoder TinyModel() => new(latentDim: 4, inputDim: 16, hidden1: 32, hidden2: 16, generator: new Generator(0));

    private static float MaxAbsDifference(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        float worst = 0;
        for (int i = 0; i < a.Length; i++) worst = Math.Max(worst, Math.Abs(a[i] - b[i]));
        return worst;
    }

    [Fact]
    public void LatentMapAppliesEncodeAfterDecodeAndItsField()
    {
        var model = new MlpAutoencoder(latentDim: 4, inputDim: 16, hidden1: 32, hidden2: 16, generator: new Generator(0));
        using var map = new LatentMap(model);                    // f(z) = E(D(z)), k = 4
        var z = Tensor.Randn(new Generator(1), 10, 4);           // [n, k]
        var fz = map.Apply(z);                                   // [10, 4]
        float[] v = map.Field(z.ToArray());                      // V(z) = f(z) - z, [10 * 4]
        var jacobians = map.Jacobians(z.ToArray());              // J_f [10, 4, 4]

        var reference = model.Encode(model.Decode(z)).Contiguous().ToArray();
        Assert.Equal([10, 4], fz.Shape);
        Assert.True(MaxAbsDifference(fz.ToArray(), reference) < 1e-5f);
        var zs = z.ToArray();
        for (int i = 0; i < v.Length; i++) Assert.Equal(reference[i] - zs[i], v[i], 5);
        Assert.Equal([10, 4, 4], jacobians.Shape);
        // Column 1 of J_f at row 0 against a central difference.
        const float h = 1e-2f;
        var plus = (float[])zs.Clone();
        var minus = (float[])zs.Clone();
        plus[1] += h;
        minus[1] -= h;
        var fp = map.Apply(plus.AsSpan(0, 4));
        var fm = map.Apply(minus.AsSpan(0, 4));
        for (int r = 0; r < 4; r++) Assert.Equal((fp[r] - fm[r]) / (2 * h), jacobians[0, r, 1], 2);
    }

    [Fact]
    public void TrajectoriesRunEndsAtFixedPointsAndRecordsTheAskedPath()
    {
        using var map = new LatentMap(TinyModel());
        var starts = LatentStarts.Gaussian(n: 100, k: 4, seed: 0);                           // [100 * 4]
        var run = Trajectories.Run(map, starts, new TrajectoryOptions { RecordIndices = [0] });
        Console.WriteLine($"{run.ConvergedFraction:P0} converged, {run.MeanSteps:F0} steps on average");
        float[] path = run.Paths[0];                                                         // start 0: [(Steps[0] + 1) * 4]

        Assert.Equal(1.0, run.ConvergedFraction);
        Assert.Equal((run.Steps[0] + 1) * 4, path.Length);
        Assert.Equal(starts.AsSpan(0, 4).ToArray(), path[..4]);
        Assert.Equal(run.Endpoint(0).ToArray(), path[^4..]);
        // The stopping rule: the last step moved less than sqrt(1e-6), so the end point is nearly fixed.
        var end = run.Endpoints;
        Assert.True(MaxAbsDifference(map.Apply(end), end) < 1e-2f);
    }

    [Fact]
    public void AttractorFinderFindMergesEndPointsAndAnalysesEachAttractor()
    {
        using var map = new LatentMap(TinyModel());
        var found = AttractorFinder.Find(map, LatentStarts.Gaussian(200, 4, seed: 0));   // starts [200 * 4]
        Console.WriteLine($"{found.Count} attractors, basins {string.Join(", ", found.BasinSizes)}, max |eigenvalue| {found.MaxSpectralRadius:F3}");

        Assert.True(found.Count >= 1);
        Assert.Equal(found.Count * 4, found.Attractors.Length);
        Assert.Equal(200, found.BasinSizes.Sum());
        Assert.Equal(found.Count, found.Stability.Count);
        Assert.All(found.Stability, s => Assert.True(s.IsAttractor, $"spectral radius {s.SpectralRadius}"));
        Assert.True(MaxAbsDifference(map.Apply(found.Attractors), found.Attractors) < 1e-2f);
    }

    [Fact]
    public void StabilityOfADiagonalJacobian()
    {
        var s = Stability.Of([0.5f, 0f, 0f, -0.8f], k: 2);   // J_f = diag(0.5, -0.8), row-major [k * k]
        bool attracts = s.IsAttractor;                        // every |eigenvalue| < 1

        Assert.True(attracts);
        Assert.Equal(0.8, s.SpectralRadius, 6);
        Assert.Equal(0.8, s.MaxSingularValue, 6);
        Assert.Equal(-0.8, s.Eigenvalues[0].Real, 6);
        Assert.Equal(0.0, s.Eigenvalues[0].Imaginary, 12);
        Assert.False(Stability.Of([1.5f, 0f, 0f, 0.1f], k: 2).IsAttractor);
    }

    [Fact]
    public void ProjectionTwoDUsesThePcaOfTheUnion()
    {
        var starts = LatentStarts.Gaussian(50, 4, seed: 0);        // [50 * 4]
        var attractors = LatentStarts.Gaussian(3, 4, seed: 1);     // [3 * 4]
        var (sx, sy, ax, ay) = Projection.TwoD(starts, attractors, k: 4);   // sx, sy [50]; ax, ay [3]

        Assert.Equal(50, sx.Length);
        Assert.Equal(50, sy.Length);
        Assert.Equal(3, ax.Length);
        Assert.Equal(3, ay.Length);
        // An orthonormal projection of centred points keeps at most their total variance.
        double total = 0, kept = 0;
        var union = starts.Concat(attractors).ToArray();
        for (int c = 0; c < 4; c++)
        {
            double mean = Enumerable.Range(0, 53).Average(i => union[i * 4 + c]);
            total += Enumerable.Range(0, 53).Sum(i => Math.Pow(union[i * 4 + c] - mean, 2));
        }
        var xs = sx.Concat(ax).ToArray();
        var ys = sy.Concat(ay).ToArray();
        kept = xs.Sum(x => Math.Pow(x - xs.Average(), 2)) + ys.Sum(y => Math.Pow(y - ys.Average(), 2));
        Assert.InRange(kept, 0.5 * total, total * (1 + 1e-6));

        // k = 2: the coordinates themselves.
        var (px, py, _, _) = Projection.TwoD([1f, 2f, 3f, 4f], [5f, 6f], k: 2);
        Assert.Equal([1.0, 3.0], px);
        Assert.Equal([2.0, 4.0], py);
    }

    [Fact]
    public void MemorizationOfAttractorsThatCopyTrainingImages()
    {
        var train = Tensor.Randn(new Generator(1), 200, 64);      // training images [N, d] (or [N, 1, 28, 28])
        var test = Tensor.Randn(new Generator(2), 50, 64);        // [n, d]
        var decoded = train.Narrow(0, 0, 5).Contiguous();         // D(z*) of 5 attractors that copy training images, [m, d]
        var report = Memorization.Evaluate(decoded, train, test);
        double[] best = Memorization.MaxCosine(decoded, train);   // [m], 1 for an exact copy
        int rank = Memorization.EffectiveRank(decoded);           // at most m

        Assert.All(best, c => Assert.Equal(1.0, c, 5));
        Assert.Equal(1.0, report.Mean, 5);
        Assert.True(report.NullBaseline < 0.6, $"null {report.NullBaseline}");
        Assert.InRange(rank, 1, 5);
        Assert.Equal(rank, report.GeneralizationEntropy);
    }

    [Fact]
    public void DataFreeDictionaryWithEveryAtomReconstructsLikeTheAutoencoder()
    {
        var model = TinyModel();
        var dictionary = DataFreeDictionary.Build(model, seed: 0);       // k = 4 atoms: Starts and Attractors [4 * 4]
        var images = Tensor.Randn(new Generator(3), 30, 16);             // [n, d]
        var rows = dictionary.Evaluate(images, [1, 2, 4]).ToList();       // (sparsity, attractor MSE, baseline MSE) per level
        foreach (var (s, attractorMse, baselineMse) in rows)
            Console.WriteLine($"{s} atoms: attractors {attractorMse:F4}, orthogonal starts {baselineMse:F4}");

        Assert.Equal([1, 2, 4], rows.Select(r => r.Sparsity));
        Assert.Equal(16, dictionary.Starts.Length);
        Assert.Equal(16, dictionary.Attractors.Length);
        // With all k orthogonal starts the codes span R^k: the decoded codes are D(E(x)), the model's own reconstruction.
        var reconstruction = model.Decode(model.Encode(images)).Contiguous().ToArray();
        var x = images.ToArray();
        double mse = x.Select((v, i) => (double)(v - reconstruction[i]) * (v - reconstruction[i])).Average();
        Assert.Equal(mse, rows[^1].BaselineMse, 4);
    }

    [Fact]
    public void OrthogonalMatchingPursuitPicksTheMatchingAtom()
    {
        float[] atoms = [1, 0, 0,  0, 1, 0,  0, 0, 1,  0.6f, 0.8f, 0];   // m = 4 unit atoms of size k = 3, [m * k]
        var omp = new OrthogonalMatchingPursuit(atoms, k: 3);
        double[] codes = omp.Encode([0.6f, 0.8f, 0f], nonZero: 1);       // [n * m]: atom 3, coefficient 1
        float[] back = omp.Decode(codes);                                 // [n * k]

        Assert.Equal([0.0, 0.0, 0.0, 1.0], codes.Select(c => Math.Round(c, 6)));
        Assert.Equal([0.6f, 0.8f, 0f], back);
        // Two atoms fit any signal in their span exactly.
        var two = omp.Decode(omp.Encode([2f, -1f, 0f], nonZero: 2));
        Assert.True(MaxAbsDifference(two, [2f, -1f, 0f]) < 1e-5f);
    }

    [Fact]
    public void OodScoresOfTinyModel()
    {
        var model = TinyModel();
        using var map = new LatentMap(model);
        var train = LatentStarts.Gaussian(100, 4, seed: 0);                           // training latents [N * k]
        var attractors = AttractorFinder.Find(map, train).Attractors;                 // [m * k]
        var test = LatentStarts.Gaussian(20, 4, seed: 1);                             // [n * k]
        double[] trajectory = OodScores.Trajectory(map, attractors, test);            // [n], higher = more OOD
        double[] knn = OodScores.Knn(train, test, k: 4, neighbours: 10);              // [n]
        double[] mahalanobis = OodScores.Mahalanobis(train, test, k: 4);             // [n]
        double[] fieldNorm = OodScores.FieldNorm(map, test);                          // [n]
        double[] reconstruction = OodScores.Reconstruction(model, Tensor.Randn(new Generator(2), 20, 16));   // images [n, d] -> [n]

        Assert.All(new[] { trajectory, knn, mahalanobis, fieldNorm, reconstruction }, s => Assert.Equal(20, s.Length));
        // kNN against a brute-force 10th nearest distance.
        var distances = Enumerable.Range(0, 100).Select(j => Math.Sqrt(Enumerable.Range(0, 4).Sum(c => Math.Pow(test[c] - train[j * 4 + c], 2)))).Order().ToArray();
        Assert.Equal(distances[9], knn[0], 4);
        // The field norm is |f(z) - z| of the start.
        var v = map.Field(test.AsSpan(0, 4));
        Assert.Equal(Math.Sqrt(v.Sum(x => (double)x * x)), fieldNorm[0], 5);
        // An attractor's own trajectory stays on it: its score is about 0.
        Assert.True(OodScores.Trajectory(map, attractors, attractors.AsSpan(0, 4))[0] < 1e-2);
    }

    [Fact]
    public void IteratedMapLogisticAndLatentMaps()
    {
        var logistic = IteratedMap.FromFunction(1, x => 3.2f * x * (1f - x));   // x [n, 1] -> [n, 1]
        var latent = IteratedMap.FromLatentMap(new LatentMap(TinyModel()));      // z [n, k] -> E(D(z)) [n, k]
        var x = Tensor.FromArray(new[] { 0.1f, 0.5f }, 2, 1);
        var y = logistic.Apply(x);                                               // [2, 1]
        var slope = logistic.Jacobians(x);                                       // [2, 1, 1]: 3.2 (1 - 2x)

        Assert.Equal(3.2f * 0.1f * 0.9f, y[0, 0], 5);
        Assert.Equal(0.8f, y[1, 0], 5);
        Assert.Equal(3.2f * 0.8f, slope[0, 0, 0], 3);
        Assert.Equal(0f, slope[1, 0, 0], 3);
        Assert.Equal(4, latent.Dim);
        Assert.Equal([3, 4, 4], latent.Jacobians(Tensor.Randn(new Generator(1), 3, 4)).Shape);
    }

    [Fact]
    public void AttractorKindClassifierFindsTheLogisticTwoCycle()
    {
        var map = IteratedMap.FromFunction(1, x => 3.2f * x * (1f - x));          // the logistic map at r = 3.2
        var result = AttractorKindClassifier.Classify(map, Tensor.FromArray(new[] { 0.1f, 0.3f }, 2, 1));
        var cycle = result.Cycles[0];   // Period 2, Points [2, 1], MaxMultiplier 0.16

        Assert.Equal(2, result.PeriodicCount);
        Assert.Single(result.Cycles);
        Assert.Equal(2, cycle.Period);
        Assert.Equal([2, 1], cycle.Points.Shape);
        // The multiplier of the 2-cycle of r x (1 - x): r^2 (1 - 2 x1)(1 - 2 x2) = -r^2 + 2r + 4.
        Assert.Equal(-3.2 * 3.2 + 2 * 3.2 + 4, cycle.MaxMultiplier, 3);
        Assert.True(cycle.IsStable);
    }

    [Fact]
    public void DeduplicationMergesEndPointsWithinTheRadius()
    {
        float[] ends = [0f, 0f,  0.05f, 0f,  3f, 4f];   // three end points, [3 * 2]
        var (reps, labels) = Deduplication.Merge(ends, k: 2, DedupRule.Euclidean, threshold: 0.1);   // reps [2 * 2], labels [0, 0, 1]

        Assert.Equal([0f, 0f, 3f, 4f], reps);
        Assert.Equal([0, 0, 1], labels);
        // Cosine: (0.05, 0) is parallel to (1, 0) whatever its length; the zero vector matches nothing.
        var (cosReps, cosLabels) = Deduplication.Merge([1f, 0f, 0.05f, 0f, 3f, 4f], k: 2, DedupRule.Cosine, threshold: 0.99);
        Assert.Equal([0, 0, 1], cosLabels);
        Assert.Equal(4, cosReps.Length);
    }

    [Fact]
    public void LatentFieldFiguresFieldAndBasinsOfAK2Map()
    {
        var model = new MlpAutoencoder(latentDim: 2, inputDim: 16, hidden1: 32, hidden2: 16, generator: new Generator(0));
        using var map = new LatentMap(model);                                       // a k = 2 autoencoder
        var options = new AttractorOptions { Trajectory = new TrajectoryOptions { RecordIndices = [0, 1] } };
        var found = AttractorFinder.Find(map, LatentStarts.Grid((-3, 3), (-3, 3), 10, 10), options);   // starts [100 * 2]
        var field = LatentFieldFigures.Field(map, found, (-3, 3), (-3, 3));         // arrows, the two recorded paths, the attractors
        var basins = LatentFieldFigures.Basins(found, firstStart: 0, nx: 10, ny: 10, (-3, 3), (-3, 3));

        Assert.Equal(2, found.Trajectories.Paths.Count);
        Assert.Equal(1 + 2 + 1, field.Traces.Count);
        Assert.IsType<QuiverTrace>(field.Traces[0]);
        Assert.Contains(basins.Traces, t => t is HeatmapTrace);
    }

    private sealed record MyResult(double[] X, double[] Y);

    [Fact]
    public void ResultFiguresRegisterAndFor()
    {
        var result = new MyResult([0, 1, 2], [1, 3, 2]);
        ResultFigures.Register<MyResult>(r => Figure.Create(Plot.Line(r.X, r.Y, "y")));
        Figure? figure = ResultFigures.For(result);   // null when no builder is registered for its type

        var line = Assert.IsType<ScatterTrace>(Assert.Single(figure!.Traces));
        Assert.Equal([1.0, 3.0, 2.0], Enumerable.Range(0, 3).Select(i => line.Y[i]));
        Assert.Null(ResultFigures.For(new object()));
    }

    [Fact]
    public void LatentStartsGridsGaussiansAndTheModelsRoundTrip()
    {
        var model = TinyModel();
        var images = Tensor.Randn(new Generator(5), 7, 16);                       // [n, d]
        float[] gaussian = LatentStarts.Gaussian(n: 100, k: 4, seed: 0);           // [100 * 4]
        float[] grid = LatentStarts.PaperGrid(perAxis: 50);                        // [-8, 8]^2, [50 * 50 * 2]
        float[] latents = LatentStarts.Encode(model, images);                      // images [n, 16] -> [n * 4]
        Tensor decoded = LatentStarts.Decode(model, latents);                      // [n, 16]

        Assert.Equal(400, gaussian.Length);
        Assert.Equal(gaussian, LatentStarts.Gaussian(100, 4, seed: 0));
        Assert.Equal(5000, grid.Length);
        Assert.Equal([-8f, -8f], grid[..2]);
        Assert.Equal([8f, 8f], grid[^2..]);
        Assert.Equal(-8f + 16f / 49, grid[2], 5);                                   // x fastest
        Assert.True(MaxAbsDifference(latents, model.Encode(images).Contiguous().ToArray()) < 1e-6f);
        Assert.Equal([7, 16], decoded.Shape);
        Assert.True(MaxAbsDifference(decoded.ToArray(), model.Decode(model.Encode(images)).Contiguous().ToArray()) < 1e-6f);
        // The dictionary's starts: pairwise orthogonal rows.
        var ortho = LatentStarts.OrthogonalGaussian(4, 4, seed: 1);
        for (int i = 0; i < 4; i++)
            for (int j = 0; j < i; j++)
                Assert.Equal(0.0, Enumerable.Range(0, 4).Sum(c => (double)ortho[i * 4 + c] * ortho[j * 4 + c]), 4);
    }
}
