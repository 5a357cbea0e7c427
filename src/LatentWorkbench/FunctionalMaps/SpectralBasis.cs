using LatentWorkbench.Graphs;
using MathNet.Numerics.LinearAlgebra;

namespace LatentWorkbench.FunctionalMaps;

/// <summary>A latent space seen as a graph: its points, kNN adjacency and Laplacian eigenbasis (the functional-map domain).</summary>
public sealed class SpectralBasis
{
    /// <summary>The embeddings.</summary>
    public PointSet Points { get; }

    /// <summary>Symmetric kNN adjacency.</summary>
    public SparseMatrix Adjacency { get; }

    /// <summary>Laplacian eigenvalues, ascending.</summary>
    public Vector<double> Eigenvalues { get; }

    /// <summary>Eigenvectors as columns, n x k.</summary>
    public Matrix<double> Phi { get; }

    /// <summary>Connected components of the graph (a warning sign when larger than 1).</summary>
    public int ComponentCount { get; }

    /// <summary>Wraps precomputed parts.</summary>
    public SpectralBasis(PointSet points, SparseMatrix adjacency, LaplacianEigenbasis basis)
    {
        Points = points;
        Adjacency = adjacency;
        Eigenvalues = Vector<double>.Build.DenseOfArray(basis.Eigenvalues);
        Phi = Matrix<double>.Build.Dense(basis.Count, basis.K, (i, j) => basis[i, j]);
        ComponentCount = basis.ComponentCount;
    }

    /// <summary>Graph (k neighbours, metric, kernel) and its <paramref name="eigenpairs"/> smallest Laplacian eigenpairs.</summary>
    public static SpectralBasis Build(PointSet points, int neighbors = 10, int eigenpairs = 50,
        DistanceMetric metric = DistanceMetric.Cosine, GraphKernel kernel = GraphKernel.Gaussian, ulong seed = 0)
    {
        ArgumentNullException.ThrowIfNull(points);
        int kn = Math.Min(neighbors, points.Count - 1);
        var w = KnnGraph.Build(points, kn, metric, kernel);
        int k = Math.Min(eigenpairs, points.Count);
        return new SpectralBasis(points, w, LaplacianEigenbasis.Compute(w, k, seed: seed));
    }

    /// <summary>Number of points.</summary>
    public int Count => Phi.RowCount;

    /// <summary>Number of basis functions.</summary>
    public int K => Phi.ColumnCount;

    /// <summary>The first <paramref name="k"/> eigenvectors, n x k.</summary>
    public Matrix<double> Truncated(int k) => Phi.SubMatrix(0, Count, 0, k);
}
