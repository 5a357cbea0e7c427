using LatentWorkbench.Engine;
using LatentWorkbench.Interop;
using MathNet.Numerics.LinearAlgebra;

namespace LatentWorkbench.Similarity;

/// <summary>Centered kernel alignment (Kornblith et al. 2019): linear, RBF and debiased variants.</summary>
public static class Cka
{
    /// <summary>Linear CKA ||Y^T X||_F^2 / (||X^T X||_F ||Y^T Y||_F) on centered features; row i of <paramref name="x"/> [n, d_x] and <paramref name="y"/> [n, d_y] is the same input.</summary>
    /// <example><code>double cka = Cka.Linear(layerA, layerB); // 1 when equal up to rotation and scale</code></example>
    public static double Linear(Tensor x, Tensor y)
    {
        var (mx, my) = SimilarityInputs.Paired(x, y);
        mx = mx.CenterColumns();
        my = my.CenterColumns();
        double cross = my.TransposeThisAndMultiply(mx).FrobeniusNorm();
        return cross * cross / (mx.TransposeThisAndMultiply(mx).FrobeniusNorm() * my.TransposeThisAndMultiply(my).FrobeniusNorm());
    }

    /// <summary>
    /// RBF CKA of paired <paramref name="x"/> [n, d_x] and <paramref name="y"/> [n, d_y] with bandwidth
    /// sigma^2 = threshold^2 * median squared distance (Kornblith's gram_rbf; his default threshold 1).
    /// </summary>
    /// <example><code>double cka = Cka.Rbf(layerA, layerB, threshold: 0.5);   // smaller threshold: more local</code></example>
    public static double Rbf(Tensor x, Tensor y, double threshold = 1.0)
    {
        var (mx, my) = SimilarityInputs.Paired(x, y);
        return FromGrams(RbfGram(mx, threshold), RbfGram(my, threshold), debiased: false);
    }

    /// <summary>
    /// Debiased linear CKA (unbiased HSIC estimator, Kornblith's cka(..., debiased=True)) of paired <paramref name="x"/> [n, d_x]
    /// and <paramref name="y"/> [n, d_y]; needs n &gt;= 4, and unlike <see cref="Linear"/> it can be slightly negative.
    /// </summary>
    /// <example><code>double cka = Cka.Debiased(layerA, layerB);   // less biased towards 1 than Linear when n is small next to d</code></example>
    public static double Debiased(Tensor x, Tensor y)
    {
        var (mx, my) = SimilarityInputs.Paired(x, y);
        return FromGrams(mx * mx.Transpose(), my * my.Transpose(), debiased: true);
    }

    /// <summary>CKA of two Gram matrices <paramref name="k"/> [n, n] and <paramref name="l"/> [n, n] over the same n inputs (any kernel).</summary>
    public static double FromGrams(Tensor k, Tensor l, bool debiased) => FromGrams(k.ToMatrix(), l.ToMatrix(), debiased);

    internal static double FromGrams(Matrix<double> k, Matrix<double> l, bool debiased)
    {
        var kc = debiased ? UnbiasedCenter(k) : SimilarityInputs.CenterGram(k);
        var lc = debiased ? UnbiasedCenter(l) : SimilarityInputs.CenterGram(l);
        double kl = Dot(kc, lc), kk = Dot(kc, kc), ll = Dot(lc, lc);
        return kl / Math.Sqrt(kk * ll);
    }

    private static Matrix<double> RbfGram(Matrix<double> x, double threshold)
    {
        int n = x.RowCount;
        var g = x * x.Transpose();
        var sq = Matrix<double>.Build.Dense(n, n, (i, j) => g[i, i] + g[j, j] - 2 * g[i, j]);
        var values = sq.Enumerate().OrderBy(v => v).ToArray();
        double median = values.Length % 2 == 1 ? values[values.Length / 2] : (values[values.Length / 2 - 1] + values[values.Length / 2]) / 2;
        return sq.Map(v => Math.Exp(-v / (2 * threshold * threshold * median)));
    }

    /// <summary>Song et al.'s unbiased centering: zero diagonal, then subtract row/column means with 1/(n-2) and add the total term.</summary>
    private static Matrix<double> UnbiasedCenter(Matrix<double> gram)
    {
        int n = gram.RowCount;
        var g = gram.Clone();
        for (int i = 0; i < n; i++) g[i, i] = 0;
        var means = g.RowSums() / (n - 2);
        double total = means.Sum() / (2 * (n - 1));
        var c = Matrix<double>.Build.Dense(n, n, (i, j) => g[i, j] - means[i] - means[j] + 2 * total);
        for (int i = 0; i < n; i++) c[i, i] = 0;
        return c;
    }

    private static double Dot(Matrix<double> a, Matrix<double> b)
    {
        double s = 0;
        for (int j = 0; j < a.ColumnCount; j++)
            for (int i = 0; i < a.RowCount; i++) s += a[i, j] * b[i, j];
        return s;
    }
}
