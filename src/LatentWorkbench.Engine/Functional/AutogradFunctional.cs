using LatentWorkbench.Engine.Autograd;
using LatentWorkbench.Engine.NN;

namespace LatentWorkbench.Engine.Functional;

/// <summary>
/// Function transforms built on the tape (like torch.autograd.functional): vector-Jacobian and Jacobian-vector
/// products, and Jacobians of row-wise maps at one or many points. Results are plain tensors, cut off from any graph.
/// <para>
/// The Jacobian routines evaluate the map on a batch of identical copies of a point and seed the backward pass with
/// the identity, so row i of the batch yields row i of J. This is exact only when the map treats rows independently:
/// models must be in evaluation mode (no batch statistics, no dropout). The <see cref="Module"/> overloads check that
/// and also stop gradients flowing into the model's parameters while they run, which would otherwise be computed and
/// thrown away.
/// </para>
/// </summary>
public static class AutogradFunctional
{
    /// <summary>f(x) and v^T J_f(x) (shape of x), with <paramref name="v"/> shaped like f(x).</summary>
    public static (Tensor Output, Tensor Vjp) Vjp(Func<Tensor, Tensor> f, Tensor x, Tensor v)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(v);
        var input = Leaf(x);
        var y = f(input);
        CheckShape("Vjp", nameof(v), v, y);
        if (!y.RequiresGrad) return (y.Detach(), Tensor.ZerosLike(x));
        var g = Grad.Of(y, [input], v)[0];
        return (y.Detach(), g.Detach());
    }

    /// <summary>
    /// f(x) and J_f(x) v (shape of f(x)), with <paramref name="v"/> shaped like x. Uses the double-vjp trick: g(u) = u^T J
    /// is linear in u, so the gradient of g . v with respect to u is J v. Needs only reverse mode, at about twice its cost.
    /// </summary>
    public static (Tensor Output, Tensor Jvp) Jvp(Func<Tensor, Tensor> f, Tensor x, Tensor v)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(v);
        CheckShape("Jvp", nameof(v), v, x);
        var input = Leaf(x);
        var y = f(input);
        if (!y.RequiresGrad) return (y.Detach(), Tensor.ZerosLike(y));
        var u = Tensor.Zeros(y.Dims);
        u.RequiresGrad = true;
        var g = Grad.Of(y, [input], u, createGraph: true)[0];
        if (!g.RequiresGrad) return (y.Detach(), Tensor.ZerosLike(y));
        var jv = Grad.Of(g, [u], v)[0];
        return (y.Detach(), jv.Detach());
    }

    /// <summary>
    /// The Jacobian [m, k] of a row-wise map at one point <paramref name="z"/> [k]: <paramref name="f"/> takes a batch
    /// [B, k] and returns [B, m], each output row depending only on its input row. One probe without gradients finds m,
    /// then one batched forward and backward pass of m rows gives all of J.
    /// </summary>
    public static Tensor Jacobian(Func<Tensor, Tensor> f, Tensor z)
    {
        ArgumentNullException.ThrowIfNull(z);
        if (z.Rank != 1) throw new ArgumentException($"Jacobian: the point must be a vector [k], got shape {ShapeMath.Format(z.Dims)}", nameof(z));
        return BatchJacobian(f, z.Reshape(1, z.Numel)).Select(0, 0).Contiguous();
    }

    /// <summary>The Jacobian [m, k] of <paramref name="model"/> at <paramref name="z"/> [k]; the model must be in evaluation mode.</summary>
    public static Tensor Jacobian(Module model, Tensor z)
    {
        using var _ = Prepare(model, nameof(Jacobian));
        return Jacobian(model.Call, z);
    }

    /// <summary>
    /// Jacobians [n, m, k] of a row-wise map (see <see cref="Jacobian(Func{Tensor, Tensor}, Tensor)"/>) at the n rows of
    /// <paramref name="points"/> [n, k]. Points are processed in chunks whose replicated batch has at most
    /// <paramref name="maxBatchRows"/> rows (at least one point per chunk), which bounds the memory of the graph.
    /// </summary>
    public static Tensor BatchJacobian(Func<Tensor, Tensor> f, Tensor points, int maxBatchRows = 4096)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(points);
        if (points.Rank != 2) throw new ArgumentException($"BatchJacobian: points must have shape [n, k], got {ShapeMath.Format(points.Dims)}", nameof(points));
        if (maxBatchRows < 1) throw new ArgumentOutOfRangeException(nameof(maxBatchRows), maxBatchRows, "must be positive");
        int n = points.Dims[0], k = points.Dims[1];
        var source = points.Detach().Contiguous().Detach();
        if (n == 0) return Tensor.Zeros(0, 0, k);

        int m;
        using (GradMode.NoGrad())
        {
            var probe = f(source.Narrow(0, 0, 1));
            if (probe.Rank != 2 || probe.Dims[0] != 1)
                throw new ArgumentException($"BatchJacobian: f must map a batch [B, {k}] to [B, m]; for B = 1 it returned {ShapeMath.Format(probe.Dims)}", nameof(f));
            m = probe.Dims[1];
        }
        var result = Tensor.Zeros(n, m, k);
        if (m == 0 || k == 0) return result;

        int chunk = Math.Clamp(maxBatchRows / m, 1, n);
        var seed = Tensor.Zeros(chunk * m, m);
        var seedSpan = seed.AsSpan();
        for (int r = 0; r < chunk * m; r++) seedSpan[r * m + r % m] = 1f;
        var output = result.AsSpan();
        var pointData = source.AsSpan();

        for (int p0 = 0; p0 < n; p0 += chunk)
        {
            int count = Math.Min(chunk, n - p0), rows = count * m;
            var batch = Tensor.Zeros(rows, k);
            var b = batch.AsSpan();
            for (int p = 0; p < count; p++)
            {
                var point = pointData.Slice((p0 + p) * k, k);
                for (int i = 0; i < m; i++) point.CopyTo(b.Slice((p * m + i) * k, k));
            }
            batch.RequiresGrad = true;
            var y = f(batch);
            if (y.Rank != 2 || y.Dims[0] != rows || y.Dims[1] != m)
                throw new ArgumentException($"BatchJacobian: f mapped a batch [{rows}, {k}] to {ShapeMath.Format(y.Dims)}, expected [{rows}, {m}]", nameof(f));
            if (!y.RequiresGrad) continue; // f ignores its input: the Jacobian is zero
            var g = Grad.Of(y, [batch], count == chunk ? seed : seed.Narrow(0, 0, rows))[0];
            g.Contiguous().AsSpan().CopyTo(output.Slice(p0 * m * k, rows * k));
        }
        return result;
    }

    /// <summary>Jacobians [n, m, k] of <paramref name="model"/> at the rows of <paramref name="points"/>; the model must be in evaluation mode.</summary>
    public static Tensor BatchJacobian(Module model, Tensor points, int maxBatchRows = 4096)
    {
        using var _ = Prepare(model, nameof(BatchJacobian));
        return BatchJacobian(model.Call, points, maxBatchRows);
    }

    /// <summary>The model's output at x and v^T J (see <see cref="Vjp(Func{Tensor, Tensor}, Tensor, Tensor)"/>), without parameter gradients.</summary>
    public static (Tensor Output, Tensor Vjp) Vjp(Module model, Tensor x, Tensor v)
    {
        using var _ = Prepare(model, nameof(Vjp));
        return Vjp(model.Call, x, v);
    }

    /// <summary>The model's output at x and J v (see <see cref="Jvp(Func{Tensor, Tensor}, Tensor, Tensor)"/>), without parameter gradients.</summary>
    public static (Tensor Output, Tensor Jvp) Jvp(Module model, Tensor x, Tensor v)
    {
        using var _ = Prepare(model, nameof(Jvp));
        return Jvp(model.Call, x, v);
    }

    /// <summary>A fresh leaf on x's values that records gradients.</summary>
    private static Tensor Leaf(Tensor x)
    {
        var leaf = x.Detach();
        leaf.RequiresGrad = true;
        return leaf;
    }

    private static void CheckShape(string op, string name, Tensor v, Tensor like)
    {
        if (!v.Shape.SequenceEqual(like.Shape))
            throw new ArgumentException($"{op}: {name} has shape {ShapeMath.Format(v.Dims)}, expected {ShapeMath.Format(like.Dims)}", name);
    }

    /// <summary>Checks the model has no row-coupling or random layer in training mode, and freezes its parameters until disposed.</summary>
    private static ParameterFreeze Prepare(Module model, string op)
    {
        ArgumentNullException.ThrowIfNull(model);
        foreach (var (name, m) in model.NamedModules())
        {
            if (!m.Training) continue;
            if (m is BatchNormBase || m is Dropout { P: > 0 })
                throw new InvalidOperationException(
                    $"{op}: module '{(name.Length == 0 ? m.GetType().Name : name)}' ({m.GetType().Name}) is in training mode, which couples or randomises batch rows; call model.Eval() first");
        }
        return new ParameterFreeze(model);
    }

    /// <summary>Clears RequiresGrad on a model's parameters and restores each one's flag on disposal.</summary>
    private sealed class ParameterFreeze : IDisposable
    {
        private readonly List<Tensor> _frozen = [];

        public ParameterFreeze(Module model)
        {
            foreach (var p in model.Parameters())
            {
                if (!p.RequiresGrad) continue;
                p.RequiresGrad = false;
                _frozen.Add(p);
            }
        }

        public void Dispose()
        {
            foreach (var p in _frozen) p.RequiresGrad = true;
            _frozen.Clear();
        }
    }
}
