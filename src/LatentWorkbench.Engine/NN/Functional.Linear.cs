using LatentWorkbench.Engine.Autograd;
using LatentWorkbench.Engine.Kernels;

namespace LatentWorkbench.Engine.NN;

public static partial class F
{
    /// <summary>
    /// Affine map x @ W^T + b for x [..., in], weight [out, in], bias [out]: one GEMM reading W transposed in place
    /// (no copy), the bias written first and accumulated onto.
    /// </summary>
    public static Tensor Linear(Tensor input, Tensor weight, Tensor? bias = null)
    {
        CheckRank("linear", nameof(weight), weight, 2, "[out_features, in_features]");
        int outF = weight.Dims[0], inF = weight.Dims[1];
        if (input.Rank == 0 || input.Dims[^1] != inF)
            throw new ArgumentException($"linear: input {ShapeMath.Format(input.Dims)} does not end in in_features = {inF} of weight {ShapeMath.Format(weight.Dims)}", nameof(input));
        CheckBias("linear", bias, outF);

        var x = input.Contiguous();
        var w = weight.Contiguous();
        int rows = x.Numel / Math.Max(inF, 1);
        var outDims = (int[])input.Dims.Clone();
        outDims[^1] = outF;
        bool gemm = rows > 0 && outF > 0 && inF > 0;
        // Every element is written (bias rows, or beta = 0) whenever the product runs.
        var y = gemm ? Tensor.Uninitialized(outDims) : Tensor.Zeros(outDims);
        var ys = y.AsSpan();
        float beta = 0f;
        if (bias is not null)
        {
            var b = bias.Contiguous().Data;
            for (int r = 0; r < rows; r++) b.CopyTo(ys.Slice(r * outF, outF));
            beta = 1f;
        }
        if (gemm)
            Gemm.Sgemm(false, true, rows, outF, inF, 1f, x.Data, inF, w.Data, inF, beta, ys, outF);

        Tensor.Record(y, "linear", bias is null ? [x, w] : [x, w, bias], g => LinearBackward(g, x, w, bias, rows, inF, outF));
        return y;
    }

    private static Tensor?[] LinearBackward(Tensor g, Tensor x, Tensor w, Tensor? bias, int rows, int inF, int outF)
    {
        if (GradMode.IsEnabled)
        {
            // create_graph: express the gradient with recorded ops so it can be differentiated again.
            var g2 = g.Reshape(rows, outF);
            return [
                x.RequiresGrad ? g2.MatMul(w).Reshape(x.Dims) : null,
                w.RequiresGrad ? g2.T.MatMul(x.Reshape(rows, inF)) : null,
                bias is { RequiresGrad: true } ? g2.Sum(0) : null];
        }
        var gc = g.IsContiguous ? g : g.ContiguousCopy();
        var gs = gc.Data;
        Tensor? dx = null, dw = null, db = null;
        bool gemm = rows > 0 && inF > 0 && outF > 0;
        if (x.RequiresGrad)
        {
            dx = gemm ? Tensor.Uninitialized(x.Dims) : Tensor.Zeros(x.Dims);
            if (gemm) Gemm.Sgemm(false, false, rows, inF, outF, 1f, gs, outF, w.Data, inF, 0f, dx.AsSpan(), inF);
        }
        if (w.RequiresGrad && Backprop.GradBufferOf(w) is { } wGrad)
        {
            // Plain Backward(): add the weight gradient straight into the parameter's Grad (beta = 1), no temporary.
            if (gemm) Gemm.Sgemm(true, false, outF, inF, rows, 1f, gs, outF, x.Data, inF, 1f, wGrad.AsSpan(), inF);
        }
        else if (w.RequiresGrad)
        {
            dw = gemm ? Tensor.Uninitialized([outF, inF]) : Tensor.Zeros(outF, inF);
            if (gemm) Gemm.Sgemm(true, false, outF, inF, rows, 1f, gs, outF, x.Data, inF, 0f, dw.AsSpan(), inF);
        }
        if (bias is { RequiresGrad: true })
        {
            db = Tensor.Zeros(outF);
            Ops.Reduction.SumAxis(gs, db.AsSpan(), 1, rows, outF);
        }
        return [dx, dw, db];
    }
}
