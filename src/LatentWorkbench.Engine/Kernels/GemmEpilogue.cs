using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace LatentWorkbench.Engine.Kernels;

/// <summary>
/// What a Linear layer does to its product after the GEMM: add a bias row and apply an activation. The managed GEMM runs it
/// on each MR-row strip of C right after the strip's last depth block, so the values are still in L1/L2 and the work is
/// split over the same threads as the product, instead of two more passes over the whole output on one thread.
/// </summary>
/// <param name="bias">Bias for every column of C (indexed by the absolute column), or null for none.</param>
/// <param name="activation">The activation applied after the bias.</param>
/// <param name="slope">LeakyReLU's negative slope (ignored otherwise).</param>
internal readonly unsafe struct GemmEpilogue(float* bias, GemmActivation activation, float slope)
{
    /// <summary>Whether there is nothing to do.</summary>
    public bool IsNone => bias == null && activation == GemmActivation.None;

    /// <summary>row[j] = act(row[j] + bias[col0 + j]) for j &lt; cols.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void ApplyRow(float* row, int cols, int col0)
    {
        var span = new Span<float>(row, cols);
        switch (activation)
        {
            case GemmActivation.Relu:
            case GemmActivation.LeakyRelu:
            case GemmActivation.None:
                AddBiasRectify(row, cols, col0);
                return;
            case GemmActivation.Sigmoid:
                if (bias != null) TensorPrimitives.Add(span, new ReadOnlySpan<float>(bias + col0, cols), span);
                TensorPrimitives.Sigmoid(span, span);
                return;
            case GemmActivation.Tanh:
                if (bias != null) TensorPrimitives.Add(span, new ReadOnlySpan<float>(bias + col0, cols), span);
                TensorPrimitives.Tanh(span, span);
                return;
        }
    }

    // Bias and the piecewise-linear activations in one pass. Both selects keep NaN as NaN like the unfused ops
    // (NaN < 0 and NaN > 0 are false); ReLU selects zero rather than multiplying by 0 so that -inf becomes 0, not NaN.
    private void AddBiasRectify(float* row, int cols, int col0)
    {
        bool hasBias = bias != null;
        float* b = bias + col0;
        var zero = Vector256<float>.Zero;
        var vs = Vector256.Create(slope);
        int j = 0;
        for (; j + 8 <= cols; j += 8)
        {
            var v = Vector256.Load(row + j);
            if (hasBias) v += Vector256.Load(b + j);
            if (activation == GemmActivation.Relu) v = Vector256.ConditionalSelect(Vector256.LessThan(v, zero), zero, v);
            else if (activation == GemmActivation.LeakyRelu) v = Vector256.ConditionalSelect(Vector256.GreaterThan(v, zero), v, v * vs);
            Vector256.Store(v, row + j);
        }
        for (; j < cols; j++)
        {
            float v = row[j];
            if (hasBias) v += b[j];
            if (activation == GemmActivation.Relu && v < 0f) v = 0f;
            else if (activation == GemmActivation.LeakyRelu && !(v > 0f)) v *= slope;
            row[j] = v;
        }
    }
}
