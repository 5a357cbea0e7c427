using LatentWorkbench.Engine;
using LatentWorkbench.Graphs;
using LatentWorkbench.Interop;
using MathNet.Numerics.LinearAlgebra;

namespace LatentWorkbench.FunctionalMaps;

/// <summary>A latent space seen as a graph: its points, kNN adjacency and Laplacian eigenbasis (the functional-map domain).</summary>
public sealed class SpectralBasis
{
    private readonly PointSet _points;
    private Tensor? _phi;

    /// <summary>The embeddings [n, d] (a copy).</summary>
    public Tensor Points => _points.ToTensor();

    /// <summary>Symmetric kNN adjacency [n, n].</summary>
    public SparseMatrix Adjacency { get; }

    /// <summary>Laplacian eigenvalues [k], ascending.</summary>
    public double[] Eigenvalues => EigenvalueVector.ToArray();

    /// <summary>Eigenvectors as columns [n, k] (rounded to float; the methods work on the double basis).</summary>
    public Tensor Phi => _phi ??= PhiMatrix.ToTensor();

    /// <summary>
    /// Connected components of the kNN graph. Above 1 the Laplacian has that many zero eigenvalues and the low modes
    /// describe components rather than shape: raise the neighbour count.
    /// </summary>
    public int ComponentCount { get; }

    /// <summary>Eigenvalues in double precision, as the solvers use them.</summary>
    internal Vector<double> EigenvalueVector { get; }

    /// <summary>Eigenvectors in double precision, n x k.</summary>
    internal Matrix<double> PhiMatrix { get; }

    /// <summary>The validated points, as the transfers read them.</summary>
    internal PointSet PointSet => _points;

    internal SpectralBasis(PointSet points, SparseMatrix adjacency, LaplacianEigenbasis basis)
    {
        _points = points;
        Adjacency = adjacency;
        EigenvalueVector = Vector<double>.Build.DenseOfArray(basis.Eigenvalues);
        PhiMatrix = Matrix<double>.Build.Dense(basis.Count, basis.K, (i, j) => basis[i, j]);
        ComponentCount = basis.ComponentCount;
    }

    /// <summary>
    /// The symmetric kNN graph of the rows of <paramref name="points"/> and the <paramref name="eigenpairs"/> smallest
    /// eigenpairs of its symmetric normalised Laplacian (lfmap's construction).
    /// </summary>
    /// <param name="points">The latent space [n, d]: n points (one per input) in d latent dimensions.</param>
    /// <param name="neighbors">Neighbours per point (capped at n - 1); the paper's notebooks use 300 for 10,000 points.</param>
    /// <param name="eigenpairs">Basis size k (capped at n); the paper uses the first 50.</param>
    /// <param name="metric">Distance of the kNN search; cosine is the paper's angular similarity.</param>
    /// <param name="kernel">Edge weights; Gaussian is the paper's exp(-4 d^2 / d_k^2), symmetrised by averaging.</param>
    /// <param name="seed">Start vector of the Lanczos solver (graphs above <see cref="LaplacianEigenbasis.DenseLimit"/> nodes).</param>
    /// <example><code>
    /// var latents = Tensor.Randn(new Generator(0), 500, 16);                 // [n, d]
    /// var basis = SpectralBasis.Build(latents, neighbors: 30, eigenpairs: 50, DistanceMetric.Euclidean);
    /// var phi = basis.Phi;                                                     // [500, 50]
    /// double lambda1 = basis.Eigenvalues[1];                                   // Fiedler value
    /// </code></example>
    public static SpectralBasis Build(Tensor points, int neighbors = 10, int eigenpairs = 50,
        DistanceMetric metric = DistanceMetric.Cosine, GraphKernel kernel = GraphKernel.Gaussian, ulong seed = 0) =>
        Build(points.ToPoints(nameof(points)), neighbors, eigenpairs, metric, kernel, seed);

    internal static SpectralBasis Build(PointSet points, int neighbors = 10, int eigenpairs = 50,
        DistanceMetric metric = DistanceMetric.Cosine, GraphKernel kernel = GraphKernel.Gaussian, ulong seed = 0)
    {
        ArgumentNullException.ThrowIfNull(points);
        int kn = Math.Min(neighbors, points.Count - 1);
        var w = KnnGraph.Build(points, kn, metric, kernel);
        int k = Math.Min(eigenpairs, points.Count);
        return new SpectralBasis(points, w, LaplacianEigenbasis.Compute(w, k, seed: seed));
    }

    /// <summary>Number of points n (rows of <see cref="Phi"/>).</summary>
    public int Count => PhiMatrix.RowCount;

    /// <summary>Basis size k: the eigenpairs asked for, capped at n (columns of <see cref="Phi"/>).</summary>
    public int K => PhiMatrix.ColumnCount;

    /// <summary>The first <paramref name="k"/> eigenvectors, n x k.</summary>
    internal Matrix<double> Truncated(int k) => PhiMatrix.SubMatrix(0, Count, 0, k);
}
