using LatentWorkbench.Engine.NN;

namespace LatentWorkbench.Engine.Cuda;

/// <summary>
/// The GPU twin of <see cref="InferencePlan"/>: the same chains of Linear layers and point-wise activations, run
/// with one cuBLAS SGEMM per Linear and one fused bias-plus-activation kernel. The weights are copied to the device
/// when the plan is built (<see cref="Refresh"/> copies them again after further training). Rows can stay on the
/// device between calls (<see cref="Run(DeviceBuffer, DeviceBuffer, int)"/>), so a map is iterated without host
/// round trips. Not thread-safe: one plan per thread.
/// </summary>
public sealed unsafe class CudaInferencePlan : IDisposable
{
    private const int OpN = 0, OpT = 1;

    private readonly CudaContext _context;
    private readonly PlanStep[] _steps;
    private readonly (DeviceBuffer Weight, DeviceBuffer? Bias)?[] _weights;
    private readonly int _maxWidth;
    private DeviceBuffer? _ping, _pong, _host;
    private int _capacityRows;

    /// <summary>Builds the plan on <paramref name="context"/> (default: <see cref="CudaRuntime.Context"/>).</summary>
    /// <exception cref="NotSupportedException">A module other than the supported layers is in the chain.</exception>
    public CudaInferencePlan(IEnumerable<Module> modules, CudaContext? context = null)
    {
        ArgumentNullException.ThrowIfNull(modules);
        var chain = PlanChain.Flatten(modules, "GPU inference plan");
        _context = context ?? CudaRuntime.Context;
        _steps = chain.Steps;
        InFeatures = chain.InFeatures;
        OutFeatures = chain.OutFeatures;
        _maxWidth = chain.MaxWidth;
        _weights = new (DeviceBuffer, DeviceBuffer?)?[_steps.Length];
        Refresh();
    }

    /// <summary>A plan of modules applied one after another, e.g. <c>CudaInferencePlan.Chain(decoder, encoder)</c> for z -> E(D(z)).</summary>
    public static CudaInferencePlan Chain(params Module[] modules) => new(modules);

    /// <summary>Width of the input rows.</summary>
    public int InFeatures { get; }

    /// <summary>Width of the output rows.</summary>
    public int OutFeatures { get; }

    /// <summary>Copies the current weights and biases of the chain's Linear layers to the device.</summary>
    public void Refresh()
    {
        for (int i = 0; i < _steps.Length; i++)
        {
            if (_steps[i].Layer is not { } layer) continue;
            var weight = layer.Weight.Contiguous().Data;
            var w = _weights[i]?.Weight ?? _context.Memory.Rent(Math.Max(weight.Length, 1));
            w.Upload(weight);
            DeviceBuffer? b = null;
            if (layer.Bias is { } bias)
            {
                var values = bias.Contiguous().Data;
                b = _weights[i]?.Bias ?? _context.Memory.Rent(Math.Max(values.Length, 1));
                b.Upload(values);
            }
            _weights[i] = (w, b);
        }
    }

    /// <summary>
    /// Applies the chain to <paramref name="rows"/> host rows: one upload, the chain on the device, one download.
    /// <paramref name="input"/> and <paramref name="output"/> may be the same buffer.
    /// </summary>
    public void Run(ReadOnlySpan<float> input, Span<float> output, int rows)
    {
        if (input.Length < rows * InFeatures) throw new ArgumentException($"GPU inference plan: input holds {input.Length} floats, {rows} rows of {InFeatures} need {rows * InFeatures}", nameof(input));
        if (output.Length < rows * OutFeatures) throw new ArgumentException($"GPU inference plan: output holds {output.Length} floats, {rows} rows of {OutFeatures} need {rows * OutFeatures}", nameof(output));
        if (rows == 0) return;
        EnsureCapacity(rows);
        _host!.Upload(input[..(rows * InFeatures)]);
        Run(_host, _host, rows);
        _host.Download(output[..(rows * OutFeatures)]);
    }

    /// <summary>
    /// Applies the chain to <paramref name="rows"/> rows already on the device. <paramref name="output"/> may be
    /// <paramref name="input"/> (the result is written after the last read), so z = f(z) iterates in place.
    /// </summary>
    public void Run(DeviceBuffer input, DeviceBuffer output, int rows)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        if (input.Length < rows * InFeatures) throw new ArgumentException($"GPU inference plan: input holds {input.Length} floats, {rows} rows of {InFeatures} need {rows * InFeatures}", nameof(input));
        if (output.Length < rows * OutFeatures) throw new ArgumentException($"GPU inference plan: output holds {output.Length} floats, {rows} rows of {OutFeatures} need {rows * OutFeatures}", nameof(output));
        if (rows == 0) return;
        EnsureCapacity(rows);
        _context.MakeCurrent();
        var kernels = _context.Kernels;
        DeviceBuffer current = input;
        int width = InFeatures;
        for (int s = 0; s < _steps.Length; s++)
        {
            var step = _steps[s];
            if (step.Kind == PlanStepKind.Linear)
            {
                var layer = step.Layer!;
                var (w, b) = _weights[s]!.Value;
                var dst = ReferenceEquals(current, _ping) ? _pong! : _ping!;
                Gemm(current, w, dst, rows, layer.InFeatures, layer.OutFeatures);
                // Fuse the activation that follows, if any, into the bias kernel.
                var next = s + 1 < _steps.Length && _steps[s + 1].Kind != PlanStepKind.Linear ? _steps[s + 1] : (PlanStep?)null;
                if (next is { } act)
                {
                    kernels.BiasActivation(dst, b, rows, layer.OutFeatures, ToActivation(act.Kind), act.Slope);
                    s++;
                }
                else if (b is not null) kernels.BiasActivation(dst, b, rows, layer.OutFeatures, CudaKernels.Activation.None);
                current = dst;
                width = layer.OutFeatures;
                continue;
            }
            if (ReferenceEquals(current, input))
            {
                // An activation before the first Linear: work on a copy so the caller's input stays intact.
                _ping!.CopyFrom(input, rows * width);
                current = _ping;
            }
            kernels.BiasActivation(current, null, rows, width, ToActivation(step.Kind), step.Slope);
        }
        output.CopyFrom(current, rows * OutFeatures);
    }

    private void Gemm(DeviceBuffer x, DeviceBuffer w, DeviceBuffer y, int rows, int inFeatures, int outFeatures)
    {
        // Row-major Y[rows, out] = X[rows, in] W^T is column-major Y^T[out, rows] = (W viewed as [in, out])^T X^T[in, rows].
        float alpha = 1f, beta = 0f;
        CudaApi.CheckCublas(_context.Api.cublasSgemm(_context.Cublas, OpT, OpN, outFeatures, rows, inFeatures,
            &alpha, w.Pointer, inFeatures, x.Pointer, inFeatures, &beta, y.Pointer, outFeatures), "cublasSgemm_v2");
    }

    private static CudaKernels.Activation ToActivation(PlanStepKind kind) => kind switch
    {
        PlanStepKind.Relu => CudaKernels.Activation.Relu,
        PlanStepKind.LeakyRelu => CudaKernels.Activation.LeakyRelu,
        PlanStepKind.Sigmoid => CudaKernels.Activation.Sigmoid,
        PlanStepKind.Tanh => CudaKernels.Activation.Tanh,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not an activation"),
    };

    private void EnsureCapacity(int rows)
    {
        if (rows <= _capacityRows) return;
        _ping?.Dispose();
        _pong?.Dispose();
        _host?.Dispose();
        _ping = _context.Memory.Rent(rows * _maxWidth);
        _pong = _context.Memory.Rent(rows * _maxWidth);
        _host = _context.Memory.Rent(rows * Math.Max(InFeatures, OutFeatures));
        _capacityRows = rows;
    }

    /// <summary>Returns the weights and work buffers to the device memory pool.</summary>
    public void Dispose()
    {
        foreach (var entry in _weights)
            if (entry is { } e) { e.Weight.Dispose(); e.Bias?.Dispose(); }
        Array.Clear(_weights);
        _ping?.Dispose();
        _pong?.Dispose();
        _host?.Dispose();
        _ping = _pong = _host = null;
        _capacityRows = 0;
    }
}
