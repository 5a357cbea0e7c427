using LatentWorkbench.Engine;
using LatentWorkbench.Interop;
using MathNet.Numerics.LinearAlgebra;

namespace LatentWorkbench.Koopman;

/// <summary>
/// Closed-form class unlearning on the Koopman operator A = K^k (ROME/MEMIT style). Observables are row vectors
/// (z -> z A). H [m, d]: observables of the class to forget; X_c [n, d]: those of the retained classes; T [m, d]: targets
/// for H's images. C0 = X_c^T X_c + lambda I, R = T - H A, D = H C0^-1 H^T + lambda I, Delta = C0^-1 H^T D^-1 R, A' = A + Delta.
/// Delta moves H A towards T while keeping X_c's images almost fixed (C0 penalises changes along retained directions).
/// </summary>
public static class ClassUnlearning
{
    /// <summary>The edited operator A' = A + Delta [d, d].</summary>
    /// <param name="a">The operator A = K^k [d, d], d the observable dimension.</param>
    /// <param name="forget">H [m, d]: observables of the m rows of the class to forget (m &gt;= 1).</param>
    /// <param name="retained">X_c [n, d]: observables of the retained classes' rows.</param>
    /// <param name="targets">T [m, d]: where each forgotten row's image should go.</param>
    /// <param name="lambda">Ridge weight of C0 and D (paper: 0.1); 0 is allowed when both systems are non-singular.</param>
    /// <example><code>
    /// var a = Tensor.Eye(8);                                            // A [d, d]
    /// var forget = Tensor.Randn(new Generator(1), 30, 8);               // H [m, d]
    /// var retained = Tensor.Randn(new Generator(2), 200, 8);            // X_c [n, d]
    /// var t = new float[30 * 8];
    /// for (int i = 0; i &lt; 30; i++) t[i * 8] = 3f;
    /// var targets = Tensor.FromArray(t, 30, 8);                         // T [m, d]: one point's image
    /// var edited = ClassUnlearning.Edit(a, forget, retained, targets, lambda: 0.1);   // A' [d, d]
    /// </code></example>
    public static Tensor Edit(Tensor a, Tensor forget, Tensor retained, Tensor targets, double lambda = 0.1)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(forget);
        ArgumentNullException.ThrowIfNull(retained);
        ArgumentNullException.ThrowIfNull(targets);
        return Edit(a.ToMatrix(), forget.ToMatrix(), retained.ToMatrix(), targets.ToMatrix(), lambda).ToTensor();
    }

    // The double-precision edit behind the tensor API: SurrogateUnlearning scores candidates with the unrounded A'.
    internal static Matrix<double> Edit(Matrix<double> a, Matrix<double> forget, Matrix<double> retained, Matrix<double> targets, double lambda = 0.1)
    {
        int d = a.RowCount;
        if (a.ColumnCount != d) throw new ArgumentException($"A must be square, got {a.RowCount}x{a.ColumnCount}", nameof(a));
        if (forget.RowCount == 0) throw new ArgumentException("the forget class has no samples (H is empty)", nameof(forget));
        if (forget.ColumnCount != d) throw new ArgumentException($"H needs {d} columns, has {forget.ColumnCount}", nameof(forget));
        if (retained.ColumnCount != d) throw new ArgumentException($"X_c needs {d} columns, has {retained.ColumnCount}", nameof(retained));
        if (targets.RowCount != forget.RowCount || targets.ColumnCount != d)
            throw new ArgumentException($"T must be {forget.RowCount}x{d}, is {targets.RowCount}x{targets.ColumnCount}", nameof(targets));
        if (lambda < 0 || !double.IsFinite(lambda)) throw new ArgumentOutOfRangeException(nameof(lambda), lambda, "must be finite and non-negative");
        // Many forget rows (the usual case): solve in d x d. Few: the paper's m x m D, better conditioned for tiny lambda.
        if (lambda > 0 && forget.RowCount > d)
        {
            var residual = targets - forget * a;
            return EditFromGrams(a, retained.TransposeThisAndMultiply(retained), forget.TransposeThisAndMultiply(forget),
                forget.TransposeThisAndMultiply(residual), lambda);
        }
        var c0 = retained.TransposeThisAndMultiply(retained) + lambda * Matrix<double>.Build.DenseIdentity(d);
        var c0InvHt = Solve(c0, forget.Transpose(), "C0 = X_c^T X_c + lambda I");
        var r = targets - forget * a;
        var dMat = forget * c0InvHt + lambda * Matrix<double>.Build.DenseIdentity(forget.RowCount);
        var dInvR = Solve(dMat, r, "D = H C0^-1 H^T + lambda I");
        return a + c0InvHt * dInvR;
    }

    /// <summary>
    /// The same edit for lambda &gt; 0 from the Gram matrices G = X_c^T X_c, F = H^T H and H^T R, in d x d instead of
    /// m x m: C0^-1 H^T (H C0^-1 H^T + lambda I)^-1 = (lambda C0 + H^T H)^-1 H^T (push-through identity), so
    /// Delta = (lambda G + lambda^2 I + F)^-1 H^T R. A sweep over lambda reuses the Grams.
    /// <paramref name="a"/>, <paramref name="retainedGram"/>, <paramref name="forgetGram"/> and
    /// <paramref name="forgetTimesResidual"/> are all [d, d]; returns A' [d, d] (computed in double, rounded to float32 once).
    /// </summary>
    public static Tensor EditFromGrams(Tensor a, Tensor retainedGram, Tensor forgetGram, Tensor forgetTimesResidual, double lambda)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(retainedGram);
        ArgumentNullException.ThrowIfNull(forgetGram);
        ArgumentNullException.ThrowIfNull(forgetTimesResidual);
        return EditFromGrams(a.ToMatrix(), retainedGram.ToMatrix(), forgetGram.ToMatrix(), forgetTimesResidual.ToMatrix(), lambda).ToTensor();
    }

    internal static Matrix<double> EditFromGrams(Matrix<double> a, Matrix<double> retainedGram, Matrix<double> forgetGram, Matrix<double> forgetTimesResidual, double lambda)
    {
        int d = a.RowCount;
        if (!(lambda > 0) || !double.IsFinite(lambda)) throw new ArgumentOutOfRangeException(nameof(lambda), lambda, "must be finite and positive");
        if (retainedGram.RowCount != d || retainedGram.ColumnCount != d) throw new ArgumentException($"X_c^T X_c must be {d}x{d}", nameof(retainedGram));
        if (forgetGram.RowCount != d || forgetGram.ColumnCount != d) throw new ArgumentException($"H^T H must be {d}x{d}", nameof(forgetGram));
        if (forgetTimesResidual.RowCount != d || forgetTimesResidual.ColumnCount != a.ColumnCount)
            throw new ArgumentException($"H^T R must be {d}x{a.ColumnCount}", nameof(forgetTimesResidual));
        var system = lambda * retainedGram + forgetGram + lambda * lambda * Matrix<double>.Build.DenseIdentity(d);
        return a + Solve(system, forgetTimesResidual, "lambda C0 + H^T H (equivalently D = H C0^-1 H^T + lambda I)");
    }

    // Both systems are symmetric positive semi-definite, positive definite when lambda > 0: Cholesky fails exactly
    // when they are numerically singular.
    private static Matrix<double> Solve(Matrix<double> system, Matrix<double> rhs, string name)
    {
        Matrix<double> x;
        try
        {
            var chol = system.Cholesky();
            var diag = chol.Factor.Diagonal();
            if (diag.Minimum() <= 1e-7 * Math.Max(diag.Maximum(), 1e-300))
                throw new InvalidOperationException($"class unlearning: {name} is singular; use a larger lambda (> 0)");
            x = chol.Solve(rhs);
        }
        catch (ArgumentException e)
        {
            throw new InvalidOperationException($"class unlearning: {name} is singular or not positive definite; use a larger lambda (> 0)", e);
        }
        foreach (double v in x.Enumerate())
            if (!double.IsFinite(v)) throw new InvalidOperationException($"class unlearning: {name} is singular; use a larger lambda (> 0)");
        return x;
    }
}
