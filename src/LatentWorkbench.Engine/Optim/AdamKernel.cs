using System.Numerics;

namespace LatentWorkbench.Engine.Optim;

/// <summary>The fused element-wise Adam update, one pass over parameter, gradient and moments.</summary>
internal static class AdamKernel
{
    /// <summary>
    /// In float, per element (1 - beta given separately: PyTorch computes it in double before rounding), in PyTorch 1.13's operation order: g' = g + l2 w; m = b1 m + (1 - b1) g';
    /// v = b2 v + (1 - b2) g'^2; vmax = max(vmax, v) (AMSGrad, when <paramref name="vmax"/> is non-empty);
    /// w = w - stepSize m / (sqrt(v or vmax) / bc2Sqrt + eps).
    /// </summary>
    public static void Update(Span<float> w, ReadOnlySpan<float> g, Span<float> m, Span<float> v, Span<float> vmax,
        float beta1, float beta2, float oneMinusB1, float oneMinusB2, float l2, float stepSize, float bc2Sqrt, float eps)
    {
        bool ams = !vmax.IsEmpty;
        float negStep = -stepSize;
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            int width = Vector<float>.Count;
            var vb1 = new Vector<float>(beta1); var vb2 = new Vector<float>(beta2);
            var v1b1 = new Vector<float>(oneMinusB1); var v1b2 = new Vector<float>(oneMinusB2);
            var vl2 = new Vector<float>(l2); var vbc = new Vector<float>(bc2Sqrt);
            var veps = new Vector<float>(eps); var vstep = new Vector<float>(negStep);
            for (; i <= w.Length - width; i += width)
            {
                var wi = new Vector<float>(w.Slice(i));
                var gi = new Vector<float>(g.Slice(i));
                if (l2 != 0f) gi += wi * vl2;
                var mi = new Vector<float>(m.Slice(i)) * vb1 + gi * v1b1;
                var vi = new Vector<float>(v.Slice(i)) * vb2 + (gi * gi) * v1b2;
                mi.CopyTo(m.Slice(i));
                vi.CopyTo(v.Slice(i));
                if (ams)
                {
                    vi = Vector.Max(new Vector<float>(vmax.Slice(i)), vi);
                    vi.CopyTo(vmax.Slice(i));
                }
                var denom = Vector.SquareRoot(vi) / vbc + veps;
                (wi + vstep * (mi / denom)).CopyTo(w.Slice(i));
            }
        }
        for (; i < w.Length; i++)
        {
            float gi = g[i];
            if (l2 != 0f) gi += w[i] * l2;
            float mi = m[i] * beta1 + gi * oneMinusB1;
            float vi = v[i] * beta2 + (gi * gi) * oneMinusB2;
            m[i] = mi; v[i] = vi;
            if (ams) { vi = MathF.Max(vmax[i], vi); vmax[i] = vi; }
            float denom = MathF.Sqrt(vi) / bc2Sqrt + eps;
            w[i] += negStep * (mi / denom);
        }
    }
}
