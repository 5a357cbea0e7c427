using LatentWorkbench.Engine.Autograd;
using LatentWorkbench.Engine.Ops;

namespace LatentWorkbench.Engine.NN;

public static partial class F
{
    /// <summary>
    /// Batch normalisation of [N, C], [N, C, L] or [N, C, H, W] per channel. Training normalises with the batch mean and
    /// biased variance and updates the running buffers in place (unbiased variance, as PyTorch); evaluation uses the
    /// running buffers. Running buffers may be null in training (no tracking).
    /// </summary>
    public static Tensor BatchNorm(Tensor input, Tensor? runningMean, Tensor? runningVar, Tensor? weight = null, Tensor? bias = null,
        bool training = false, float momentum = 0.1f, float eps = 1e-5f)
    {
        if (input.Rank < 2) throw new ArgumentException($"batch_norm: input has shape {ShapeMath.Format(input.Dims)}, expected [N, C, ...]", nameof(input));
        int n = input.Dims[0], c = input.Dims[1], s = input.Numel / Math.Max(n * c, 1);
        CheckChannelParam("batch_norm", nameof(runningMean), runningMean, c);
        CheckChannelParam("batch_norm", nameof(runningVar), runningVar, c);
        CheckChannelParam("batch_norm", nameof(weight), weight, c);
        CheckChannelParam("batch_norm", nameof(bias), bias, c);
        if (!training && (runningMean is null || runningVar is null))
            throw new ArgumentException("batch_norm: evaluation mode needs runningMean and runningVar");
        long count = (long)n * s;
        if (training && count <= 1)
            throw new ArgumentException($"batch_norm: expected more than 1 value per channel when training, got input {ShapeMath.Format(input.Dims)}", nameof(input));

        var x = input.Contiguous();
        var mean = new float[c];
        var invStd = new float[c];
        if (training)
        {
            var bm = new double[c];
            var bv = new double[c];
            Normalization.ChannelStats(x.Data, n, c, s, bm, bv);
            for (int ch = 0; ch < c; ch++) { mean[ch] = (float)bm[ch]; invStd[ch] = (float)(1.0 / Math.Sqrt(bv[ch] + eps)); }
            if (runningMean is not null && runningVar is not null)
            {
                var rm = runningMean.AsSpan();
                var rv = runningVar.AsSpan();
                double correction = count / (double)(count - 1);
                for (int ch = 0; ch < c; ch++)
                {
                    rm[ch] = (float)((1 - momentum) * rm[ch] + momentum * bm[ch]);
                    rv[ch] = (float)((1 - momentum) * rv[ch] + momentum * bv[ch] * correction);
                }
            }
        }
        else
        {
            var rm = runningMean!.Contiguous().Data;
            var rv = runningVar!.Contiguous().Data;
            for (int ch = 0; ch < c; ch++) { mean[ch] = rm[ch]; invStd[ch] = 1f / MathF.Sqrt(rv[ch] + eps); }
        }

        // A tensor rather than a bare array so a dispose scope pools it, and a backward after the scope ends throws.
        var xhat = Tensor.Zeros(x.Dims);
        var y = Tensor.Zeros(x.Dims);
        var w = weight?.Contiguous();
        var b = bias?.Contiguous();
        Normalization.ChannelNormalize(x.Data, n, c, s, mean, invStd, w is null ? default : w.Data, b is null ? default : b.Data, xhat.AsSpan(), y.AsSpan());

        Tensor.Record(y, "batch_norm", Inputs(x, w, b), g =>
        {
            if (GradMode.IsEnabled) return Compact(BatchNormBackwardComposite(g, x, w, b, training, mean, invStd, eps), w, b);
            var gc = g.Contiguous();
            var dx = x.RequiresGrad ? Tensor.Zeros(x.Dims) : null;
            var dw = w is { RequiresGrad: true } ? Tensor.Zeros(c) : null;
            var db = b is { RequiresGrad: true } ? Tensor.Zeros(c) : null;
            Normalization.ChannelBackward(gc.Data, xhat.Data, n, c, s, invStd, w is null ? default : w.Data, training,
                dx is null ? default : dx.AsSpan(), dw is null ? default : dw.AsSpan(), db is null ? default : db.AsSpan());
            return Compact([dx, dw, db], w, b);
        });
        return y;
    }

    /// <summary>Batch-norm gradients as recorded ops (used when the backward pass itself is differentiated).</summary>
    private static Tensor?[] BatchNormBackwardComposite(Tensor g, Tensor x, Tensor? w, Tensor? b, bool training, float[] mean, float[] invStd, float eps)
    {
        int c = x.Dims[1];
        var axes = ChannelReduceAxes(x.Rank);
        var channelShape = ChannelShape(x.Rank, c);
        Tensor xhat, dx;
        var dxhat = w is null ? g : g * w.Reshape(channelShape);
        if (training)
        {
            var (xh, inv) = NormalizeComposite(x, axes, eps);
            xhat = xh;
            dx = NormInputGradComposite(xhat, inv, dxhat, axes);
        }
        else
        {
            // Fixed statistics: xhat is affine in x with constant coefficients.
            var inv = Tensor.FromArray((float[])invStd.Clone(), channelShape);
            xhat = (x - Tensor.FromArray((float[])mean.Clone(), channelShape)) * inv;
            dx = dxhat * inv;
        }
        return [
            x.RequiresGrad ? dx : null,
            w is { RequiresGrad: true } ? (g * xhat).Sum(axes) : null,
            b is { RequiresGrad: true } ? g.Sum(axes) : null];
    }

    /// <summary>
    /// Group normalisation of [N, C, ...]: channels split into <paramref name="groups"/> groups, each normalised over its
    /// channels and positions per sample; weight and bias are per channel [C].
    /// </summary>
    public static Tensor GroupNorm(Tensor input, int groups, Tensor? weight = null, Tensor? bias = null, float eps = 1e-5f)
    {
        if (input.Rank < 2) throw new ArgumentException($"group_norm: input has shape {ShapeMath.Format(input.Dims)}, expected [N, C, ...]", nameof(input));
        int n = input.Dims[0], c = input.Dims[1];
        if (groups < 1 || c % groups != 0)
            throw new ArgumentException($"group_norm: {c} channels of input {ShapeMath.Format(input.Dims)} cannot be split into {groups} groups", nameof(groups));
        CheckChannelParam("group_norm", nameof(weight), weight, c);
        CheckChannelParam("group_norm", nameof(bias), bias, c);
        int s = input.Numel / Math.Max(n * c, 1);
        var layout = new ChannelLayout(s, c / groups, groups);
        return RowNormOp("group_norm", input, n * groups, (c / groups) * s, layout, weight, bias, eps, (g, x, w, b) =>
        {
            var axes = new[] { 2 };
            var xv = x.Reshape(n, groups, -1);
            var channelShape = ChannelShape(x.Rank, c);
            var dxhat = (w is null ? g : g * w.Reshape(channelShape)).Reshape(n, groups, -1);
            var (xhat, inv) = NormalizeComposite(xv, axes, eps);
            var reduce = ChannelReduceAxes(x.Rank);
            return [
                x.RequiresGrad ? NormInputGradComposite(xhat, inv, dxhat, axes).Reshape(x.Dims) : null,
                w is { RequiresGrad: true } ? (g * xhat.Reshape(x.Dims)).Sum(reduce) : null,
                b is { RequiresGrad: true } ? g.Sum(reduce) : null];
        });
    }

    /// <summary>
    /// Layer normalisation over the trailing dimensions <paramref name="normalizedShape"/>; weight and bias have that shape.
    /// </summary>
    public static Tensor LayerNorm(Tensor input, int[] normalizedShape, Tensor? weight = null, Tensor? bias = null, float eps = 1e-5f)
    {
        int k = normalizedShape.Length;
        if (k == 0 || k > input.Rank || !input.Dims.AsSpan(input.Rank - k).SequenceEqual(normalizedShape))
            throw new ArgumentException($"layer_norm: input {ShapeMath.Format(input.Dims)} does not end in normalizedShape {ShapeMath.Format(normalizedShape)}", nameof(normalizedShape));
        foreach (var (p, name) in new[] { (weight, nameof(weight)), (bias, nameof(bias)) })
            if (p is not null && !ShapeMath.SameShape(p.Dims, normalizedShape))
                throw new ArgumentException($"layer_norm: {name} has shape {ShapeMath.Format(p.Dims)}, expected {ShapeMath.Format(normalizedShape)}", name);
        int length = ShapeMath.Numel(normalizedShape);
        int rows = input.Numel / Math.Max(length, 1);
        var layout = new ChannelLayout(1, length, 1);
        return RowNormOp("layer_norm", input, rows, length, layout, weight?.Reshape(length), bias?.Reshape(length), eps, (g, x, w, b) =>
        {
            var axes = new[] { 1 };
            var g2 = g.Reshape(rows, length);
            var dxhat = w is null ? g2 : g2 * w;
            var (xhat, inv) = NormalizeComposite(x.Reshape(rows, length), axes, eps);
            return [
                x.RequiresGrad ? NormInputGradComposite(xhat, inv, dxhat, axes).Reshape(x.Dims) : null,
                w is { RequiresGrad: true } ? (g2 * xhat).Sum(0) : null,
                b is { RequiresGrad: true } ? g2.Sum(0) : null];
        });
    }

    /// <summary>A normalisation whose statistics are per row of x viewed as [rows, length], with a per-channel affine map.</summary>
    private static Tensor RowNormOp(string name, Tensor input, int rows, int length, ChannelLayout layout, Tensor? weight, Tensor? bias, float eps,
        Func<Tensor, Tensor, Tensor?, Tensor?, Tensor?[]> compositeBackward)
    {
        var x = input.Contiguous();
        var w = weight?.Contiguous();
        var b = bias?.Contiguous();
        var xhat = Tensor.Zeros(x.Dims); // pooled under a dispose scope, like the batch-norm one
        var invStd = new float[rows];
        Normalization.NormalizeRows(x.Data, rows, length, eps, xhat.AsSpan(), invStd);
        var y = Tensor.Zeros(x.Dims);
        Normalization.Affine(xhat.Data, rows, length, layout, w is null ? default : w.Data, b is null ? default : b.Data, y.AsSpan());
        Tensor.Record(y, name, Inputs(x, w, b), g =>
        {
            if (GradMode.IsEnabled) return Compact(compositeBackward(g, x, w, b), w, b);
            var gc = g.Contiguous();
            var dx = x.RequiresGrad ? Tensor.Zeros(x.Dims) : null;
            var dw = w is { RequiresGrad: true } ? Tensor.Zeros(w.Dims) : null;
            var db = b is { RequiresGrad: true } ? Tensor.Zeros(b.Dims) : null;
            Normalization.BackwardRows(gc.Data, xhat.Data, invStd, rows, length, layout, w is null ? default : w.Data,
                dx is null ? default : dx.AsSpan(), dw is null ? default : dw.AsSpan(), db is null ? default : db.AsSpan());
            return Compact([dx, dw, db], w, b);
        });
        return y;
    }

    /// <summary>(x - mean) / sqrt(var + eps) over <paramref name="axes"/> as recorded ops, with the inverse std (kept dims).</summary>
    private static (Tensor Xhat, Tensor InvStd) NormalizeComposite(Tensor x, int[] axes, float eps)
    {
        var centred = x - x.Mean(axes, keepDim: true);
        var invStd = ((centred * centred).Mean(axes, keepDim: true) + eps).Pow(-0.5f);
        return (centred * invStd, invStd);
    }

    /// <summary>The input gradient of a normalisation given dL/dxhat, as recorded ops.</summary>
    private static Tensor NormInputGradComposite(Tensor xhat, Tensor invStd, Tensor dxhat, int[] axes) =>
        invStd * (dxhat - dxhat.Mean(axes, keepDim: true) - xhat * (dxhat * xhat).Mean(axes, keepDim: true));

    private static Tensor[] Inputs(Tensor x, Tensor? w, Tensor? b) =>
        (w, b) switch { (null, null) => [x], (not null, null) => [x, w], (null, not null) => [x, b], _ => [x, w!, b!] };

    /// <summary>Drops the gradient slots of absent affine parameters so gradients line up with <see cref="Inputs"/>.</summary>
    private static Tensor?[] Compact(Tensor?[] grads, Tensor? w, Tensor? b) =>
        (w, b) switch { (null, null) => [grads[0]], (not null, null) => [grads[0], grads[1]], (null, not null) => [grads[0], grads[2]], _ => grads };

    private static int[] ChannelReduceAxes(int rank)
    {
        var axes = new int[rank - 1];
        axes[0] = 0;
        for (int i = 2; i < rank; i++) axes[i - 1] = i;
        return axes;
    }

    private static int[] ChannelShape(int rank, int c)
    {
        var shape = new int[rank];
        Array.Fill(shape, 1);
        shape[1] = c;
        return shape;
    }

    private static void CheckChannelParam(string op, string name, Tensor? p, int channels)
    {
        if (p is not null && (p.Rank != 1 || p.Dims[0] != channels))
            throw new ArgumentException($"{op}: {name} has shape {ShapeMath.Format(p.Dims)}, expected [{channels}]", name);
        if (p is not null && !p.IsContiguous && (name == "runningMean" || name == "runningVar"))
            throw new ArgumentException($"{op}: {name} must be contiguous (it is updated in place)", name);
    }
}
