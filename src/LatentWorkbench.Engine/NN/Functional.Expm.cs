using LatentWorkbench.Engine.Autograd;
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
            // A plain backward needs only numbers: the block-triangular Fréchet routine gives them for a third of the
            // work. Higher-order gradients (createGraph) need the differentiable block expm below.
            if (!GradMode.IsEnabled) return [FrechetAdjoint(m, g, n, count)];
            var mt = m.Transpose(-2, -1);
            var top = Tensor.Concat([mt, g], -1);
            var bottom = Tensor.Concat([Tensor.ZerosLike(mt), mt], -1);
            var block = Expm(Tensor.Concat([top, bottom], -2));
            return [block.Slice(-2, 0, n).Slice(-1, n, 2 * n).Contiguous()];
        });
        return result;
    }

    // dL/dM = L(M^T, G) for each matrix of the batch.
    private static Tensor FrechetAdjoint(Tensor m, Tensor g, int n, int count)
    {
        var gc = g.Contiguous();
        var grad = Tensor.Zeros(m.Dims);
        var src = m.Data;
        var gsrc = gc.Data;
        var dst = grad.AsSpan();
        var mt = new double[n * n];
        var e = new double[n * n];
        var exp = new double[n * n];
        var frechet = new double[n * n];
        for (int b = 0; b < count; b++)
        {
            int o = b * n * n;
            for (int i = 0; i < n; i++)
                for (int j = 0; j < n; j++) { mt[i * n + j] = src[o + j * n + i]; e[i * n + j] = gsrc[o + i * n + j]; }
            MatrixExponentialFrechet.Compute(mt, e, n, exp, frechet);
            for (int i = 0; i < frechet.Length; i++) dst[o + i] = (float)frechet[i];
        }
        return grad;
    }
}
