using LatentWorkbench.Engine;
using LatentWorkbench.Engine.Autograd;
using LatentWorkbench.Engine.Functional;

namespace LatentWorkbench.LatentFields;

/// <summary>
/// A map f: R^k -> R^k applied to batches of points [n, k], and its Jacobians: what <see cref="AttractorKindClassifier"/>
/// iterates. Built from any row-wise tensor function (closed-form test maps: rotations, the logistic map) or from an
/// autoencoder's latent map z -> E(D(z)). A row whose image is not finite comes back as NaN instead of an exception,
/// so the classifier can call that trajectory diverged.
/// </summary>
/// <example><code>
/// var logistic = IteratedMap.FromFunction(1, x => 3.2f * x * (1f - x));   // x [n, 1] -> [n, 1]
/// var latent = IteratedMap.FromLatentMap(new LatentMap(model));           // z [n, k] -> E(D(z)) [n, k]
/// var slope = logistic.Jacobians(Tensor.FromArray(new[] { 0.1f, 0.5f }, 2, 1));   // [2, 1, 1]: 3.2 (1 - 2x)
/// </code></example>
public sealed class IteratedMap
{
    /// <summary>Central-difference step for Jacobians of maps autograd cannot differentiate, relative to max(1, |z|_inf).</summary>
    public const double FiniteDifferenceStep = 1e-3;

    private readonly RowMap _apply;
    private readonly Func<Tensor, Tensor>? _jacobians;

    private delegate void RowMap(ReadOnlySpan<float> z, Span<float> output, int rows);

    private IteratedMap(int dim, RowMap apply, Func<Tensor, Tensor>? jacobians, string description)
    {
        Dim = dim;
        _apply = apply;
        _jacobians = jacobians;
        Description = description;
    }

    /// <summary>The dimension k of the points.</summary>
    public int Dim { get; }

    /// <summary>What the map is, in a few words (for figure titles and logs).</summary>
    public string Description { get; }

    /// <summary>
    /// A map given by a row-wise tensor function <paramref name="f"/>: [n, <paramref name="dim"/>] -> [n, dim], each output row
    /// depending only on its input row. Jacobians [n, k, k] come from <paramref name="jacobians"/> when given, else by
    /// reverse-mode autodiff through <paramref name="f"/> when it is built from differentiable tensor operations, else by
    /// central differences (<see cref="FiniteDifferenceStep"/>).
    /// </summary>
    public static IteratedMap FromFunction(int dim, Func<Tensor, Tensor> f, Func<Tensor, Tensor>? jacobians = null, string? description = null)
    {
        ArgumentNullException.ThrowIfNull(f);
        if (dim < 1) throw new ArgumentOutOfRangeException(nameof(dim), dim, "the dimension k must be positive");
        IteratedMap? self = null;
        void Apply(ReadOnlySpan<float> z, Span<float> output, int rows)
        {
            if (rows == 0) return;
            var x = Tensor.FromArray(z[..(rows * dim)].ToArray(), rows, dim);
            Tensor y;
            using (GradMode.NoGrad()) y = f(x);
            if (y.Rank != 2 || y.Size(0) != rows || y.Size(1) != dim)
                throw new ArgumentException($"f must map [n, {dim}] to [n, {dim}]; for n = {rows} it returned [{string.Join(", ", y.Shape)}]", nameof(f));
            y.Contiguous().AsSpan().CopyTo(output);
        }
        Func<Tensor, Tensor> jac = jacobians ?? (points => IsDifferentiable(f, dim) ? AutogradFunctional.BatchJacobian(f, points) : CentralDifferences(self!, points));
        self = new IteratedMap(dim, Apply, jac, description ?? $"f: R^{dim} -> R^{dim}");
        return self;
    }

    /// <summary>
    /// The latent map z -> E(D(z)) of an autoencoder ([n, k] -> [n, k]) with its autodiff Jacobians. Rows whose image is
    /// not finite become NaN (the latent map itself refuses them; the batch is split to find them).
    /// </summary>
    public static IteratedMap FromLatentMap(LatentMap map)
    {
        ArgumentNullException.ThrowIfNull(map);
        int k = map.Dim;
        void Apply(ReadOnlySpan<float> z, Span<float> output, int rows)
        {
            if (rows == 0) return;
            try
            {
                map.Apply(z, output, rows);
            }
            catch (ArithmeticException) when (rows > 1)
            {
                // Bisect to the rows that blow up; the cost is paid only on the step where a trajectory diverges.
                int half = rows / 2;
                Apply(z[..(half * k)], output[..(half * k)], half);
                Apply(z.Slice(half * k), output.Slice(half * k), rows - half);
            }
            catch (ArithmeticException)
            {
                output[..k].Fill(float.NaN);
            }
        }
        return new IteratedMap(k, Apply, points => map.Jacobians(points.Contiguous().AsSpan()),
            $"z -> E(D(z)) of a {map.Model.GetType().Name} (k = {k})");
    }

    /// <summary>Writes f(z) for the <paramref name="rows"/> row-major points of <paramref name="z"/> [rows * k] into <paramref name="output"/> [rows * k].</summary>
    public void Apply(ReadOnlySpan<float> z, Span<float> output, int rows)
    {
        if (rows < 0 || z.Length < rows * Dim) throw new ArgumentException($"{rows} points of size {Dim} need {rows * Dim} numbers; got {z.Length}", nameof(z));
        if (output.Length < rows * Dim) throw new ArgumentException($"output holds {output.Length} floats, need {rows * Dim}", nameof(output));
        _apply(z, output, rows);
    }

    /// <summary>f(z) for points <paramref name="z"/> [n, k]; returns [n, k].</summary>
    public Tensor Apply(Tensor z)
    {
        var x = CheckPoints(z, nameof(z));
        var y = new float[x.Length];
        Apply(x, y, x.Length / Dim);
        return Tensor.FromArray(y, x.Length / Dim, Dim);
    }

    /// <summary>The Jacobians J_f [n, k, k] at the rows of <paramref name="points"/> [n, k] (row i of J_f: gradient of output i).</summary>
    public Tensor Jacobians(Tensor points)
    {
        var x = CheckPoints(points, nameof(points));
        int n = x.Length / Dim;
        if (n == 0) return Tensor.Zeros(0, Dim, Dim);
        var j = _jacobians!(Tensor.FromArray(x, n, Dim));
        if (j.Rank != 3 || j.Size(0) != n || j.Size(1) != Dim || j.Size(2) != Dim)
            throw new InvalidOperationException($"the Jacobians of {Description} have shape [{string.Join(", ", j.Shape)}], expected [{n}, {Dim}, {Dim}]");
        return j;
    }

    private float[] CheckPoints(Tensor z, string argument)
    {
        ArgumentNullException.ThrowIfNull(z, argument);
        if (z.Rank != 2 || z.Size(1) != Dim)
            throw new ArgumentException($"points must have shape [n, {Dim}]; got [{string.Join(", ", z.Shape)}]", argument);
        return z.Contiguous().ToArray();
    }

    // Whether f records a graph from its input: functions that leave the tensor world (ToArray, loops over spans) do not.
    private static bool IsDifferentiable(Func<Tensor, Tensor> f, int dim)
    {
        if (!GradMode.IsEnabled) return false;
        var probe = Tensor.Zeros(1, dim);
        probe.RequiresGrad = true;
        return f(probe).RequiresGrad;
    }

    // J[:, j] = (f(z + h e_j) - f(z - h e_j)) / 2h, all points and directions in one batch of 2 n k rows.
    private static Tensor CentralDifferences(IteratedMap map, Tensor points)
    {
        int n = points.Size(0), k = map.Dim;
        var z = points.Contiguous().ToArray();
        var shifted = new float[2 * n * k * k];
        // The step actually taken after rounding to float, per point and direction.
        var width = new double[n * k];
        for (int i = 0; i < n; i++)
        {
            double scale = 1;
            for (int c = 0; c < k; c++) scale = Math.Max(scale, Math.Abs(z[i * k + c]));
            double h = FiniteDifferenceStep * scale;
            for (int j = 0; j < k; j++)
            {
                for (int s = 0; s < 2; s++)
                {
                    var row = shifted.AsSpan(((i * k + j) * 2 + s) * k, k);
                    z.AsSpan(i * k, k).CopyTo(row);
                    row[j] = (float)(row[j] + (s == 0 ? h : -h));
                }
                int plus = (i * k + j) * 2 * k;
                width[i * k + j] = (double)shifted[plus + j] - shifted[plus + k + j];
            }
        }
        var images = new float[shifted.Length];
        map.Apply(shifted, images, 2 * n * k);
        var jac = new float[n * k * k];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < k; j++)
            {
                int plus = ((i * k + j) * 2) * k, minus = plus + k;
                for (int r = 0; r < k; r++) jac[(i * k + r) * k + j] = (float)((images[plus + r] - (double)images[minus + r]) / width[i * k + j]);
            }
        return Tensor.FromArray(jac, n, k, k);
    }
}
