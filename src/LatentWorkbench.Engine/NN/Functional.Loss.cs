using LatentWorkbench.Engine.Autograd;
namespace LatentWorkbench.Engine.NN;

public static partial class F
{
    /// <summary>Squared error (input - target)^2, reduced. Shapes must match exactly.</summary>
    public static Tensor MseLoss(Tensor input, Tensor target, LossReduction reduction = LossReduction.Mean)
    {
        CheckSameShape("mse_loss", input, target);
        if (reduction == LossReduction.None)
        {
            var diff = input - target;
            return diff * diff;
        }
        return FusedMse(input, target, reduction == LossReduction.Mean);
    }

    /// <summary>
    /// Mean or summed squared error in one pass, with a one-pass backward 2 g (x - t) / n: the composite form makes
    /// five full-size temporaries per step. Under create_graph the gradient is built from recorded ops instead.
    /// </summary>
    private static Tensor FusedMse(Tensor input, Tensor target, bool mean)
    {
        var x = input.Contiguous();
        var t = target.Contiguous();
        int n = x.Numel;
        var xs = x.Data;
        var ts = t.Data;
        double sum = 0;
        const int block = 1024;
        Span<float> diff = stackalloc float[block];
        for (int i = 0; i < n; i += block)
        {
            int len = Math.Min(block, n - i);
            var d = diff[..len];
            System.Numerics.Tensors.TensorPrimitives.Subtract(xs.Slice(i, len), ts.Slice(i, len), d);
            sum += System.Numerics.Tensors.TensorPrimitives.Dot(d, d);
        }
        float scale = mean ? 1f / Math.Max(n, 1) : 1f;
        var loss = Tensor.Scalar((float)(sum * scale));
        Tensor.Record(loss, "mse_loss", [input, target], g =>
        {
            if (GradMode.IsEnabled)
            {
                var d = input - target;
                var gi = d * (g * (2f * scale));
                return [input.RequiresGrad ? gi : null, target.RequiresGrad ? -gi : null];
            }
            float coefficient = 2f * scale * g.Item();
            Tensor? dInput = null, dTarget = null;
            if (input.RequiresGrad)
            {
                dInput = Tensor.Uninitialized(x.Dims);
                var di = dInput.AsSpan();
                System.Numerics.Tensors.TensorPrimitives.Subtract(x.Data, t.Data, di);
                System.Numerics.Tensors.TensorPrimitives.Multiply(di, coefficient, di);
            }
            if (target.RequiresGrad)
            {
                dTarget = Tensor.Uninitialized(x.Dims);
                var dt = dTarget.AsSpan();
                System.Numerics.Tensors.TensorPrimitives.Subtract(t.Data, x.Data, dt);
                System.Numerics.Tensors.TensorPrimitives.Multiply(dt, coefficient, dt);
            }
            return [dInput, dTarget];
        });
        return loss;
    }

    /// <summary>Absolute error |input - target|, reduced.</summary>
    public static Tensor L1Loss(Tensor input, Tensor target, LossReduction reduction = LossReduction.Mean)
    {
        CheckSameShape("l1_loss", input, target);
        return Reduce((input - target).Abs(), reduction);
    }

    /// <summary>
    /// Binary cross-entropy of probabilities in [0, 1] against targets: -(t log p + (1 - t) log(1 - p)) with each log
    /// clamped at -100 as in PyTorch, so p = 0 or 1 gives a finite loss and gradient.
    /// </summary>
    public static Tensor BinaryCrossEntropy(Tensor input, Tensor target, LossReduction reduction = LossReduction.Mean)
    {
        CheckSameShape("binary_cross_entropy", input, target);
        var p = input.Contiguous();
        var t = target.Contiguous();
        var ps = p.Data;
        var ts = t.Data;
        var loss = Tensor.Zeros(p.Dims);
        var ls = loss.AsSpan();
        for (int i = 0; i < ls.Length; i++)
        {
            float pi = ps[i];
            if (!(pi >= 0f && pi <= 1f))
                throw new ArgumentException($"binary_cross_entropy: input element {i} is {pi}, all elements must lie in [0, 1] (apply sigmoid first, or use BinaryCrossEntropyWithLogits)", nameof(input));
            float logP = MathF.Max(MathF.Log(pi), -100f), log1mP = MathF.Max(MathF.Log(1f - pi), -100f);
            ls[i] = -(ts[i] * logP + (1f - ts[i]) * log1mP);
        }
        Tensor.Record(loss, "binary_cross_entropy", [p, t], g => [
            p.RequiresGrad ? g * (p - t) / (p * (1f - p)).Clamp(min: 1e-12f) : null,
            t.RequiresGrad ? g * ((1f - p).Log().Clamp(min: -100f) - p.Log().Clamp(min: -100f)) : null]);
        return Reduce(loss, reduction);
    }

    /// <summary>
    /// Binary cross-entropy on logits, sigmoid folded in stably: max(x, 0) - x t + log(1 + e^-|x|).
    /// </summary>
    public static Tensor BinaryCrossEntropyWithLogits(Tensor input, Tensor target, LossReduction reduction = LossReduction.Mean)
    {
        CheckSameShape("binary_cross_entropy_with_logits", input, target);
        var x = input.Contiguous();
        var t = target.Contiguous();
        var xs = x.Data;
        var ts = t.Data;
        var loss = Tensor.Zeros(x.Dims);
        var ls = loss.AsSpan();
        for (int i = 0; i < ls.Length; i++)
        {
            float v = xs[i];
            ls[i] = MathF.Max(v, 0f) - v * ts[i] + MathF.Log(1f + MathF.Exp(-MathF.Abs(v)));
        }
        Tensor.Record(loss, "binary_cross_entropy_with_logits", [x, t], g => [
            x.RequiresGrad ? g * (x.Sigmoid() - t) : null,
            t.RequiresGrad ? -(g * x) : null]);
        return Reduce(loss, reduction);
    }

    /// <summary>
    /// Cross-entropy of logits [N, C] against class indices (log-softmax then negative log-likelihood). Optional per-class
    /// <paramref name="weight"/> [C]; targets equal to <paramref name="ignoreIndex"/> contribute nothing.
    /// </summary>
    public static Tensor CrossEntropy(Tensor logits, int[] targets, Tensor? weight = null, LossReduction reduction = LossReduction.Mean, int ignoreIndex = -100)
    {
        CheckRank("cross_entropy", nameof(logits), logits, 2, "[N, C]");
        return NllLoss(logits.LogSoftmax(1), targets, weight, reduction, ignoreIndex);
    }

    /// <summary>
    /// Cross-entropy of logits [N, C] against a target tensor: class indices [N] (integral values), or class
    /// probabilities [N, C] (soft labels, -sum_c t_c log softmax(x)_c per sample).
    /// </summary>
    public static Tensor CrossEntropy(Tensor logits, Tensor target, Tensor? weight = null, LossReduction reduction = LossReduction.Mean, int ignoreIndex = -100)
    {
        CheckRank("cross_entropy", nameof(logits), logits, 2, "[N, C]");
        if (!ShapeMath.SameShape(logits.Dims, target.Dims))
            return CrossEntropy(logits, ClassIndices("cross_entropy", target), weight, reduction, ignoreIndex);
        var logp = logits.LogSoftmax(1);
        var weighted = weight is null ? target : target * CheckClassWeight("cross_entropy", weight, logits.Dims[1]).Unsqueeze(0);
        var perSample = -(logp * weighted).Sum(1);
        return reduction switch
        {
            LossReduction.None => perSample,
            LossReduction.Sum => perSample.Sum(),
            _ => perSample.Sum() * (1f / Math.Max(logits.Dims[0], 1)),
        };
    }

    /// <summary>
    /// Negative log-likelihood of log-probabilities [N, C] at class indices: -w[t_n] logp[n, t_n]. The mean divides by the
    /// total weight of the non-ignored targets, as PyTorch does.
    /// </summary>
    public static Tensor NllLoss(Tensor logProbabilities, int[] targets, Tensor? weight = null, LossReduction reduction = LossReduction.Mean, int ignoreIndex = -100)
    {
        ArgumentNullException.ThrowIfNull(targets);
        CheckRank("nll_loss", nameof(logProbabilities), logProbabilities, 2, "[N, C]");
        int n = logProbabilities.Dims[0], c = logProbabilities.Dims[1];
        if (targets.Length != n)
            throw new ArgumentException($"nll_loss: input {ShapeMath.Format(logProbabilities.Dims)} has {n} rows but targets has {targets.Length} entries", nameof(targets));
        float[]? w = weight is null ? null : CheckClassWeight("nll_loss", weight, c).ToArray();
        // A constant coefficient matrix picks (and weights) one log-probability per row; gradients follow by autograd.
        var coefficients = Tensor.Zeros(n, c);
        var cs = coefficients.AsSpan();
        double totalWeight = 0;
        for (int i = 0; i < n; i++)
        {
            int t = targets[i];
            if (t == ignoreIndex) continue;
            if ((uint)t >= (uint)c)
                throw new ArgumentOutOfRangeException(nameof(targets), $"nll_loss: target {t} at index {i} is out of range for {c} classes");
            float wt = w is null ? 1f : w[t];
            cs[i * c + t] = wt;
            totalWeight += wt;
        }
        var perSample = -(logProbabilities * coefficients).Sum(1);
        return reduction switch
        {
            LossReduction.None => perSample,
            LossReduction.Sum => perSample.Sum(),
            _ => perSample.Sum() * (float)(1.0 / totalWeight),
        };
    }

    /// <summary>Negative log-likelihood with class indices given as a tensor [N] of integral values.</summary>
    public static Tensor NllLoss(Tensor logProbabilities, Tensor target, Tensor? weight = null, LossReduction reduction = LossReduction.Mean, int ignoreIndex = -100) =>
        NllLoss(logProbabilities, ClassIndices("nll_loss", target), weight, reduction, ignoreIndex);

    private static Tensor Reduce(Tensor loss, LossReduction reduction) => reduction switch
    {
        LossReduction.Mean => loss.Mean(),
        LossReduction.Sum => loss.Sum(),
        LossReduction.None => loss,
        _ => throw new ArgumentOutOfRangeException(nameof(reduction), reduction, "unknown reduction"),
    };

    private static int[] ClassIndices(string op, Tensor target)
    {
        if (target.Rank != 1)
            throw new ArgumentException($"{op}: class-index target must have shape [N], got {ShapeMath.Format(target.Dims)}", nameof(target));
        var values = target.ToArray();
        var indices = new int[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            float v = values[i];
            if (v != MathF.Round(v) || float.IsInfinity(v))
                throw new ArgumentException($"{op}: target value {v} at index {i} is not a class index", nameof(target));
            indices[i] = (int)v;
        }
        return indices;
    }

    private static Tensor CheckClassWeight(string op, Tensor weight, int classes)
    {
        if (weight.Rank != 1 || weight.Dims[0] != classes)
            throw new ArgumentException($"{op}: weight has shape {ShapeMath.Format(weight.Dims)}, expected [{classes}]", nameof(weight));
        return weight.Detach();
    }
}
