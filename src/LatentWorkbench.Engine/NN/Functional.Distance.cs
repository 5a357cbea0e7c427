using LatentWorkbench.Engine.Kernels;

namespace LatentWorkbench.Engine.NN;

public static partial class F
{
    /// <summary>
    /// Squared Euclidean distances between the rows of a [n, d] and b [m, d], as [n, m]:
    /// ||a_i||^2 + ||b_j||^2 - 2 a_i.b_j with one GEMM, clamped at 0 against rounding.
    /// </summary>
    public static Tensor CdistSquared(Tensor a, Tensor b)
    {
        var d2 = SquaredDistances(a, b, out var ac, out var bc);
        Tensor.Record(d2, "cdist_squared", [ac, bc], g => DistanceGrads(g * 2f, ac, bc));
        return d2;
    }

    /// <summary>
    /// Euclidean distances between the rows of a [n, d] and b [m, d], as [n, m]. The gradient at zero distance is
    /// taken as 0 (as PyTorch does), not NaN.
    /// </summary>
    public static Tensor Cdist(Tensor a, Tensor b)
    {
        var d = SquaredDistances(a, b, out var ac, out var bc);
        System.Numerics.Tensors.TensorPrimitives.Sqrt(d.AsSpan(), d.AsSpan());
        Tensor.Record(d, "cdist", [ac, bc], g =>
        {
            // d(dist)/d(dist^2) = 1 / (2 dist); where dist = 0 the weight is set to 0.
            var positive = d.Detach().MapNoGrad(static v => v > 0f ? 1f : 0f);
            var weight = g * positive / (d + (1f - positive));
            return DistanceGrads(weight, ac, bc);
        });
        return d;
    }

    /// <summary>Gradients of sum_ij w_ij ||a_i - b_j||^2 / 2: dA = rowsum(w) a - w b, dB = colsum(w) b - w^T a.</summary>
    private static Tensor?[] DistanceGrads(Tensor w, Tensor a, Tensor b) =>
    [
        a.RequiresGrad ? w.Sum(1, keepDim: true) * a - w.MatMul(b) : null,
        b.RequiresGrad ? w.Sum(0).Unsqueeze(1) * b - w.T.MatMul(a) : null,
    ];

    private static Tensor SquaredDistances(Tensor a, Tensor b, out Tensor ac, out Tensor bc)
    {
        CheckRank("cdist", nameof(a), a, 2, "[n, d]");
        CheckRank("cdist", nameof(b), b, 2, "[m, d]");
        if (a.Dims[1] != b.Dims[1])
            throw new ArgumentException($"cdist: a {ShapeMath.Format(a.Dims)} and b {ShapeMath.Format(b.Dims)} have different feature sizes", nameof(b));
        ac = a.Contiguous();
        bc = b.Contiguous();
        int n = a.Dims[0], m = b.Dims[0], dim = a.Dims[1];
        var r = Tensor.Zeros(n, m);
        var rs = r.AsSpan();
        var ad = ac.Data;
        var bd = bc.Data;
        if (n > 0 && m > 0 && dim > 0) Gemm.Sgemm(false, true, n, m, dim, -2f, ad, dim, bd, dim, 0f, rs, m);
        var bNorms = new float[m];
        for (int j = 0; j < m; j++) bNorms[j] = System.Numerics.Tensors.TensorPrimitives.SumOfSquares(bd.Slice(j * dim, dim));
        for (int i = 0; i < n; i++)
        {
            float aNorm = System.Numerics.Tensors.TensorPrimitives.SumOfSquares(ad.Slice(i * dim, dim));
            var row = rs.Slice(i * m, m);
            System.Numerics.Tensors.TensorPrimitives.Add(row, bNorms, row);
            System.Numerics.Tensors.TensorPrimitives.Add(row, aNorm, row);
            System.Numerics.Tensors.TensorPrimitives.Max(row, 0f, row);
        }
        return r;
    }
}
