using LatentWorkbench.Engine.Ops;

namespace LatentWorkbench.Engine.NN;

public static partial class F
{
    /// <summary>
    /// Matrix exponential of [..., n, n] (scaling and squaring, Padé 13, computed in double). The gradient uses
    /// dL/dM = upper-right block of expm([[M^T, G], [0, M^T]]) (Najfeld and Havel), which is itself differentiable.
    /// </summary>
    public static Tensor Expm(Tensor matrix)
    {
        if (matrix.Rank < 2 || matrix.Dims[^1] != matrix.Dims[^2])
            throw new ArgumentException($"expm: expected square matrices [..., n, n], got {ShapeMath.Format(matrix.Dims)}", nameof(matrix));
        int n = matrix.Dims[^1];
        var m = matrix.Contiguous();
        var result = Tensor.Zeros(m.Dims);
        int count = m.Numel / Math.Max(n * n, 1);
        var a = new double[n * n];
        var e = new double[n * n];
        var src = m.Data;
        var dst = result.AsSpan();
        for (int b = 0; b < count; b++)
        {
            for (int i = 0; i < a.Length; i++) a[i] = src[b * n * n + i];
            MatrixExponential.Compute(a, n, e);
            for (int i = 0; i < e.Length; i++) dst[b * n * n + i] = (float)e[i];
        }
        Tensor.Record(result, "expm", [m], g =>
        {
            var mt = m.Transpose(-2, -1);
            var top = Tensor.Concat([mt, g], -1);
            var bottom = Tensor.Concat([Tensor.ZerosLike(mt), mt], -1);
            var block = Expm(Tensor.Concat([top, bottom], -2));
            return [block.Slice(-2, 0, n).Slice(-1, n, 2 * n).Contiguous()];
        });
        return result;
    }
}
