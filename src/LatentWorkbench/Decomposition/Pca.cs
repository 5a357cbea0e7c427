using LatentWorkbench.Engine;
using LatentWorkbench.Interop;
using MathNet.Numerics.LinearAlgebra;

namespace LatentWorkbench.Decomposition;

/// <summary>How the sign of each principal direction is chosen (an eigenvector is defined only up to sign).</summary>
public enum PcaSign
{
    /// <summary>The largest-magnitude entry of each component is positive (scikit-learn's svd_flip on the components; the Koopman paper's preprocessing).</summary>
    LargestPositive,

    /// <summary>As the symmetric eigensolver returns it (deterministic for a given input, but arbitrary).</summary>
    AsSolved,
}

/// <summary>Where the Gram matrix X^T X of the centred data is accumulated; the eigendecomposition is always double.</summary>
public enum PcaPrecision
{
    /// <summary>Mean, centring and Gram in double from the float inputs.</summary>
    Double,

    /// <summary>Mean, centring and Gram in float32 by the engine (GEMM), then widened: fast for many rows, as the Koopman preprocessing.</summary>
    Single,
}

/// <summary>Options of <see cref="Pca"/>; the defaults are scikit-learn's PCA (centred, sign-fixed components, double precision).</summary>
public sealed record PcaOptions
{
    /// <summary>Number of components p kept (at most the dimension d).</summary>
    public int Components { get; init; } = 2;

    /// <summary>Subtract the column means before the decomposition (false: the directions of the uncentred second moment).</summary>
    public bool Center { get; init; } = true;

    /// <summary>Sign convention of the components (default: largest entry positive, as scikit-learn), so repeated fits agree.</summary>
    public PcaSign Sign { get; init; } = PcaSign.LargestPositive;

    /// <summary>Where the mean and Gram matrix are accumulated (default double; single reproduces the Koopman preprocessing's numbers).</summary>
    public PcaPrecision Precision { get; init; } = PcaPrecision.Double;
}

/// <summary>
/// Principal component analysis: the top eigenvectors of the (centred) Gram matrix X^T X, d x d, which for n much
/// larger than d is far cheaper than an n x d SVD and gives the same right singular vectors.
/// </summary>
/// <example><code>
/// var pca = new Pca(new PcaOptions { Components = 3 }).Fit(points);   // points [n, d]
/// var coordinates = pca.Transform(points);                            // [n, 3]
/// double[] variance = pca.ExplainedVariance;                          // [3], descending
/// </code></example>
public sealed class Pca
{
    /// <summary>A PCA with <paramref name="options"/> (scikit-learn's defaults when null).</summary>
    public Pca(PcaOptions? options = null) => Options = options ?? new PcaOptions();

    /// <summary>Components kept, centring, sign convention and precision of every <see cref="Fit"/>.</summary>
    public PcaOptions Options { get; }

    /// <summary>Fits the components to the rows of <paramref name="x"/> [n, d] (n points, d features; p = <see cref="PcaOptions.Components"/> &lt;= d).</summary>
    /// <example><code>
    /// var pca = new Pca(new PcaOptions { Components = 2 }).Fit(latents);   // latents [n, k]
    /// var plane = pca.Transform(latents);                                   // [n, 2]
    /// double share = pca.ExplainedVariance.Sum();                           // variance the plane keeps
    /// </code></example>
    public PcaResult Fit(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Rank != 2) throw new ArgumentException($"x: expected a 2-D tensor [n, d], got rank {x.Rank}", nameof(x));
        int n = x.Size(0), d = x.Size(1), p = Options.Components;
        if (p < 1 || p > d) throw new ArgumentOutOfRangeException(nameof(Options.Components), p, $"must be in 1..{d} for {d}-dimensional data");
        float[]? meanSingle = null;
        double[]? meanDouble = null;
        Matrix<double> gram;
        if (Options.Precision == PcaPrecision.Single) (meanSingle, gram) = GramSingle(x);
        else (meanDouble, gram) = GramDouble(x.Contiguous().ToArray(), n, d);
        var evd = gram.Evd(Symmetricity.Symmetric);
        var components = new double[p * d];
        var variance = new double[p];
        for (int k = 0; k < p; k++)
        {
            int col = d - 1 - k; // MathNet sorts symmetric eigenvalues ascending
            double sign = 1;
            if (Options.Sign == PcaSign.LargestPositive)
            {
                int argMax = 0;
                for (int r = 1; r < d; r++) if (Math.Abs(evd.EigenVectors[r, col]) > Math.Abs(evd.EigenVectors[argMax, col])) argMax = r;
                sign = evd.EigenVectors[argMax, col] < 0 ? -1 : 1;
            }
            for (int r = 0; r < d; r++) components[k * d + r] = sign * evd.EigenVectors[r, col];
            variance[k] = evd.EigenValues[col].Real / Math.Max(n - 1, 1);
        }
        return meanSingle != null
            ? new PcaResult(components, meanSingle, variance, p, d, Options.Precision)
            : new PcaResult(components, meanDouble!, variance, p, d, Options.Precision);
    }

    /// <summary>The Koopman preprocessing's arithmetic: mean and centring by the engine, X^T X by the float GEMM.</summary>
    private (float[] Mean, Matrix<double> Gram) GramSingle(Tensor x)
    {
        int d = x.Size(1);
        var mean = Options.Center ? x.Mean(0).Contiguous().ToArray() : new float[d];
        var centred = Options.Center ? x - Tensor.FromArray(mean, 1, d) : x;
        return (mean, centred.T.MatMul(centred).ToMatrix());
    }

    /// <summary>Mean and Gram accumulated in double, row by row, from the float values.</summary>
    private (double[] Mean, Matrix<double> Gram) GramDouble(float[] points, int n, int d)
    {
        var mean = new double[d];
        if (Options.Center)
        {
            for (int i = 0; i < n; i++) for (int c = 0; c < d; c++) mean[c] += points[i * d + c];
            for (int c = 0; c < d; c++) mean[c] /= Math.Max(n, 1);
        }
        var gram = Matrix<double>.Build.Dense(d, d);
        for (int i = 0; i < n; i++)
            for (int a = 0; a < d; a++)
            {
                double da = points[i * d + a] - mean[a];
                for (int b = 0; b < d; b++) gram[a, b] += da * (points[i * d + b] - mean[b]);
            }
        return (mean, gram);
    }
}

/// <summary>A fitted <see cref="Pca"/>: components, mean and explained variance.</summary>
public sealed class PcaResult
{
    private readonly double[] _components;
    private readonly double[] _mean;
    private readonly float[] _meanSingle;
    private readonly PcaPrecision _precision;

    internal PcaResult(double[] components, double[] mean, double[] variance, int p, int d, PcaPrecision precision)
        : this(components, mean, ToFloats(mean), variance, p, d, precision) { }

    internal PcaResult(double[] components, float[] mean, double[] variance, int p, int d, PcaPrecision precision)
        : this(components, Array.ConvertAll(mean, v => (double)v), mean, variance, p, d, precision) { }

    private PcaResult(double[] components, double[] mean, float[] meanSingle, double[] variance, int p, int d, PcaPrecision precision)
    {
        _components = components;
        _mean = mean;
        _meanSingle = meanSingle;
        _precision = precision;
        ExplainedVariance = variance;
        Count = p;
        Dim = d;
        Basis = new float[d * p];
        for (int k = 0; k < p; k++)
            for (int r = 0; r < d; r++) Basis[r * p + k] = (float)components[k * d + r];
    }

    /// <summary>Number of components p (rows of <see cref="Components"/>).</summary>
    public int Count { get; }

    /// <summary>Dimension d of the data the components were fitted to.</summary>
    public int Dim { get; }

    /// <summary>The principal directions [p, d] as rows, by decreasing variance (orthonormal).</summary>
    public Tensor Components => Tensor.FromArray(_components, Count, Dim);

    /// <summary>The column means [d] that were subtracted (zeros when not centred).</summary>
    public Tensor Mean => Tensor.FromArray((float[])_meanSingle.Clone(), Dim);

    /// <summary>Variance along each component [p]: eigenvalue of the Gram matrix / (n - 1), descending.</summary>
    public double[] ExplainedVariance { get; }

    /// <summary>The components as float columns, row-major [d, p] (what the projection multiplies by).</summary>
    internal float[] Basis { get; }

    /// <summary>The float mean [d] (the engine's in single precision, rounded from double otherwise).</summary>
    internal float[] MeanSingle => _meanSingle;

    /// <summary>Coordinates [n, p] of the rows of <paramref name="x"/> [n, d]: (x - mean) times the components' transpose.</summary>
    public Tensor Transform(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Rank != 2 || x.Size(1) != Dim) throw new ArgumentException($"x: expected [n, {Dim}], got [{string.Join(", ", x.Shape)}]", nameof(x));
        if (_precision == PcaPrecision.Single)
            return (x - Tensor.FromArray(_meanSingle, 1, Dim)).MatMul(Tensor.FromArray(Basis, Dim, Count));
        return Tensor.FromArray(TransformDouble(x.Contiguous().ToArray()), x.Size(0), Count);
    }

    /// <summary>Coordinates in double, row-major [n * p], of row-major points [n * d]; each sum runs over the coordinates in order.</summary>
    internal double[] TransformDouble(ReadOnlySpan<float> points)
    {
        int n = points.Length / Dim;
        var result = new double[n * Count];
        for (int i = 0; i < n; i++)
            for (int c = 0; c < Dim; c++)
            {
                double v = points[i * Dim + c] - _mean[c];
                for (int k = 0; k < Count; k++) result[i * Count + k] += v * _components[k * Dim + c];
            }
        return result;
    }

    private static float[] ToFloats(double[] v) => Array.ConvertAll(v, x => (float)x);
}
