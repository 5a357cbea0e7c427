using System.Numerics.Tensors;
using LatentWorkbench.Engine.Kernels;

namespace LatentWorkbench.Engine.NN;

/// <summary>
/// A gradient-free forward pass through a chain of Linear layers and point-wise activations (ReLU, LeakyReLU,
/// Sigmoid, Tanh, Identity, Dropout in eval mode; nested Sequentials are flattened) that allocates nothing per
/// call: rows go through in chunks that ping-pong between two preallocated buffers, each Linear is one GEMM that
/// also adds the bias and applies the activation after it to each finished row strip (any further activation runs in
/// place). Parameters are read live at every call, so a plan stays valid while the model trains. For iterating maps such as z -> E(D(z)) over many points.
/// Not thread-safe: one plan per thread.
/// </summary>
public sealed class InferencePlan
{
    private readonly PlanStep[] _steps;
    private readonly float[] _ping, _pong;

    /// <summary>Builds a plan that applies <paramref name="modules"/> in order, <paramref name="chunkRows"/> rows at a time.</summary>
    /// <exception cref="NotSupportedException">A module other than the supported layers is in the chain.</exception>
    public InferencePlan(IEnumerable<Module> modules, int chunkRows = 1024)
    {
        ArgumentNullException.ThrowIfNull(modules);
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkRows, 1);
        var chain = PlanChain.Flatten(modules, "inference plan");
        _steps = chain.Steps;
        ChunkRows = chunkRows;
        InFeatures = chain.InFeatures;
        OutFeatures = chain.OutFeatures;
        _ping = new float[chunkRows * chain.MaxWidth];
        _pong = new float[chunkRows * chain.MaxWidth];
    }

    /// <summary>Builds a plan from modules applied one after another, e.g. <c>InferencePlan.Chain(decoder, encoder)</c> for z -> E(D(z)).</summary>
    public static InferencePlan Chain(params Module[] modules) => new(modules);

    /// <summary>Width of the input rows.</summary>
    public int InFeatures { get; }

    /// <summary>Width of the output rows.</summary>
    public int OutFeatures { get; }

    /// <summary>Rows per chunk (the buffers hold this many rows of the widest layer).</summary>
    public int ChunkRows { get; }

    /// <summary>Applies the chain to <paramref name="input"/> [..., InFeatures] and returns a new tensor [..., OutFeatures].</summary>
    public Tensor Run(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Rank == 0 || input.Dims[^1] != InFeatures)
            throw new ArgumentException($"inference plan: input {ShapeMath.Format(input.Dims)} does not end in {InFeatures} features", nameof(input));
        var x = input.IsContiguous ? input : input.ContiguousCopy();
        var dims = (int[])input.Dims.Clone();
        dims[^1] = OutFeatures;
        var y = Tensor.Zeros(dims);
        Run(x.Data, y.AsSpan(), x.Numel / Math.Max(InFeatures, 1));
        return y;
    }

    /// <summary>
    /// Applies the chain to <paramref name="rows"/> rows of <paramref name="input"/> (row-major, InFeatures wide) and writes
    /// OutFeatures-wide rows to <paramref name="output"/>. Input and output may be the same buffer when the widths are
    /// equal (each chunk is read completely before it is written), so a map can be iterated in place.
    /// </summary>
    public void Run(ReadOnlySpan<float> input, Span<float> output, int rows)
    {
        if (input.Length < rows * InFeatures) throw new ArgumentException($"inference plan: input holds {input.Length} floats, {rows} rows of {InFeatures} need {rows * InFeatures}", nameof(input));
        if (output.Length < rows * OutFeatures) throw new ArgumentException($"inference plan: output holds {output.Length} floats, {rows} rows of {OutFeatures} need {rows * OutFeatures}", nameof(output));
        for (int r0 = 0; r0 < rows; r0 += ChunkRows)
        {
            int n = Math.Min(ChunkRows, rows - r0);
            RunChunk(input.Slice(r0 * InFeatures, n * InFeatures), output.Slice(r0 * OutFeatures, n * OutFeatures), n);
        }
    }

    private void RunChunk(ReadOnlySpan<float> input, Span<float> output, int n)
    {
        ReadOnlySpan<float> current = input;
        int width = InFeatures;
        bool inPing = false, inBuffer = false;
        for (int si = 0; si < _steps.Length; si++)
        {
            var step = _steps[si];
            if (step.Kind == PlanStepKind.Linear)
            {
                var layer = step.Layer!;
                int outF = layer.OutFeatures, inF = layer.InFeatures;
                var dst = (inPing ? _pong : _ping).AsSpan(0, n * outF);
                // The activation right after the layer runs inside the GEMM on each finished row strip (with the bias),
                // instead of as separate passes over the whole chunk.
                var (activation, slope) = si + 1 < _steps.Length ? Fusable(_steps[si + 1]) : (GemmActivation.None, 0f);
                if (activation != GemmActivation.None) si++;
                var bias = layer.Bias is { } b ? b.Contiguous().Data : default;
                var w = layer.Weight.Contiguous().Data;
                Gemm.SgemmBiasActivation(false, true, n, outF, inF, current, inF, w, Math.Max(inF, 1), bias, activation, slope, dst, outF);
                inPing = !inPing;
                inBuffer = true;
                current = dst;
                width = outF;
                continue;
            }
            if (!inBuffer)
            {
                // An activation before the first Linear: move the input into a buffer to work in place.
                var copy = _ping.AsSpan(0, n * width);
                current.CopyTo(copy);
                current = copy;
                inPing = true;
                inBuffer = true;
            }
            var span = (inPing ? _ping : _pong).AsSpan(0, n * width);
            switch (step.Kind)
            {
                case PlanStepKind.Relu: TensorPrimitives.Max(span, 0f, span); break;
                case PlanStepKind.Sigmoid: TensorPrimitives.Sigmoid(span, span); break;
                case PlanStepKind.Tanh: TensorPrimitives.Tanh(span, span); break;
                case PlanStepKind.LeakyRelu:
                    for (int i = 0; i < span.Length; i++) if (span[i] <= 0f) span[i] *= step.Slope;
                    break;
            }
        }
        current.CopyTo(output);
    }

    private static (GemmActivation Activation, float Slope) Fusable(PlanStep step) => step.Kind switch
    {
        PlanStepKind.Relu => (GemmActivation.Relu, 0f),
        PlanStepKind.LeakyRelu => (GemmActivation.LeakyRelu, step.Slope),
        PlanStepKind.Sigmoid => (GemmActivation.Sigmoid, 0f),
        PlanStepKind.Tanh => (GemmActivation.Tanh, 0f),
        _ => (GemmActivation.None, 0f),
    };
}
