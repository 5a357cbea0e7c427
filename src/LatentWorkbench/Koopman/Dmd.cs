using LatentWorkbench.Interop;
using LatentWorkbench.Engine;
using MathNet.Numerics.LinearAlgebra;

namespace LatentWorkbench.Koopman;

/// <summary>Dynamic mode decomposition baseline and operator spectra.</summary>
public static class Dmd
{
    /// <summary>
    /// The least-squares linear map A minimising ||X0 A - XL||_F (row vectors, ridge <paramref name="ridge"/>):
    /// A = (X0^T X0 + ridge I)^-1 X0^T XL. With the raw preprocessed states this is exact DMD from the first to the last layer.
    /// </summary>
    /// <param name="first">States X0 [n, p] (e.g. the preprocessed first layer).</param>
    /// <param name="last">States XL [n, q] of the same n inputs (e.g. the preprocessed last layer).</param>
    /// <param name="ridge">Tikhonov term that keeps X0^T X0 invertible for rank-deficient states.</param>
    /// <returns>A [p, q]: a row x0 maps to x0 A.</returns>
    /// <example><code>
    /// var a = Dmd.FitOperator(study.TrainLayers[0], study.TrainLayers[^1]);   // [p, p]
    /// var spectrum = Dmd.Eigenvalues(a);                                       // [p] complex eigenvalues
    /// </code></example>
    public static Tensor FitOperator(Tensor first, Tensor last, double ridge = 1e-6)
    {
        if (first.Size(0) != last.Size(0)) throw new ArgumentException($"first has {first.Size(0)} rows, last has {last.Size(0)}", nameof(last));
        var x0 = first.ToMatrix();
        var xl = last.ToMatrix();
        var gram = x0.TransposeThisAndMultiply(x0) + ridge * Matrix<double>.Build.DenseIdentity(x0.ColumnCount);
        return gram.Solve(x0.TransposeThisAndMultiply(xl)).ToTensor();
    }

    /// <summary>Eigenvalues [p] of a square operator <paramref name="op"/> [p, p] as (real, imaginary) pairs.</summary>
    public static (double Re, double Im)[] Eigenvalues(Tensor op)
    {
        if (op.Rank != 2 || op.Size(0) != op.Size(1)) throw new ArgumentException("expected a square matrix", nameof(op));
        var evd = op.ToMatrix().Evd();
        return [.. evd.EigenValues.Select(c => (c.Real, c.Imaginary))];
    }
}
