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
    public static Tensor FitOperator(Tensor first, Tensor last, double ridge = 1e-6)
    {
        if (first.Size(0) != last.Size(0)) throw new ArgumentException($"first has {first.Size(0)} rows, last has {last.Size(0)}", nameof(last));
        var x0 = first.ToMatrix();
        var xl = last.ToMatrix();
        var gram = x0.TransposeThisAndMultiply(x0) + ridge * Matrix<double>.Build.DenseIdentity(x0.ColumnCount);
        return gram.Solve(x0.TransposeThisAndMultiply(xl)).ToTensor();
    }

    /// <summary>Eigenvalues of a square operator as (real, imaginary) pairs.</summary>
    public static (double Re, double Im)[] Eigenvalues(Tensor op)
    {
        if (op.Rank != 2 || op.Size(0) != op.Size(1)) throw new ArgumentException("expected a square matrix", nameof(op));
        var evd = op.ToMatrix().Evd();
        return [.. evd.EigenValues.Select(c => (c.Real, c.Imaginary))];
    }
}
