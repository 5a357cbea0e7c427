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

    /// <summary>Connected components of the graph (a warning sign when larger than 1).</summary>
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
    /// Graph (k neighbours, metric, kernel) of the rows of <paramref name="points"/> [n, d] and its
    /// <paramref name="eigenpairs"/> smallest Laplacian eigenpairs.
    /// </summary>
    /// <example><code>
    /// var basis = SpectralBasis.Build(latents, neighbors: 30, eigenpairs: 50, DistanceMetric.Euclidean);
    /// var phi = basis.Phi; // [n, 50]
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

    /// <summary>Number of points.</summary>
    public int Count => PhiMatrix.RowCount;

    /// <summary>Number of basis functions.</summary>
    public int K => PhiMatrix.ColumnCount;

    /// <summary>The first <paramref name="k"/> eigenvectors, n x k.</summary>
    internal Matrix<double> Truncated(int k) => PhiMatrix.SubMatrix(0, Count, 0, k);
}
