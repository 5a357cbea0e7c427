using LatentWorkbench.Engine.Autograd;
using LatentWorkbench.Engine.Cuda;

namespace LatentWorkbench.Engine.NN;

/// <summary>How an <see cref="InferenceSession"/> runs its rows.</summary>
public enum InferencePath
{
    /// <summary>A <see cref="CudaInferencePlan"/> on the GPU.</summary>
    CudaPlan,

    /// <summary>An allocation-free <see cref="InferencePlan"/> on the CPU.</summary>
    CpuPlan,

    /// <summary>The modules' own forward (any layers), chunk by chunk in evaluation mode, on the CPU.</summary>
    Module,
}

/// <summary>
/// A gradient-free forward pass compiled for a device, the engine's one choice of execution path: given a chain of
/// modules applied in order, it runs the GPU plan when <see cref="Device.Cuda"/> is asked for, a GPU is usable and the
/// chain is Linear layers and point-wise activations; else the CPU <see cref="InferencePlan"/> when the chain allows
/// one; else the modules' forward, <see cref="BatchSize"/> rows per call in evaluation mode. Rows are row-major float
/// spans, so a map such as z -> E(D(z)) can be iterated over many points. Dispose it to return GPU memory.
/// Not thread-safe: one session per thread.
/// </summary>
/// <example>
/// <code>
/// using var session = new InferenceSession([decoder, encoder], inFeatures: k, outFeatures: k, Device.Cuda);
/// session.Run(z, fz, rows);   // z, fz [rows * k]; session.Path says which path ran
/// </code>
/// </example>
public sealed class InferenceSession : IDisposable
{
    private const string Who = "inference session";

    private readonly Module[] _modules;
    private readonly Func<Tensor, Tensor> _forward;
    private readonly InferencePlan? _cpuPlan;
    private readonly CudaInferencePlan? _gpuPlan;

    /// <summary>
    /// Compiles <paramref name="chain"/> (modules applied in order, taking rows of <paramref name="inFeatures"/> and
    /// giving rows of <paramref name="outFeatures"/>) for <paramref name="device"/>. A GPU request that cannot be met
    /// (no usable GPU, or a layer the GPU plan does not run) runs on the CPU and says so once on standard error.
    /// </summary>
    /// <exception cref="ArgumentException">The chain is empty, or a plan's widths differ from the given ones.</exception>
    public InferenceSession(IReadOnlyList<Module> chain, int inFeatures, int outFeatures, Device device = Device.Cpu, int batchSize = 4096)
        : this([.. CheckChain(chain)], null, inFeatures, outFeatures, batchSize)
    {
        using var mode = EvalScope();
        var resolved = CudaRuntime.Resolve(device);
        // Dropout counts as supported only in evaluation mode, so the chain is flattened inside the scope.
        var plannable = PlanChain.TryFlatten(_modules, Who, out string? unsupported) is not null;
        if (resolved == Device.Cuda)
        {
            if (plannable) _gpuPlan = new CudaInferencePlan(_modules);
            else Console.Error.WriteLine($"{unsupported ?? $"{Who}: the chain has no Linear layer"}; it runs on the CPU.");
        }
        if (_gpuPlan is null && plannable) _cpuPlan = new InferencePlan(_modules);
        int planIn = _gpuPlan?.InFeatures ?? _cpuPlan?.InFeatures ?? inFeatures;
        int planOut = _gpuPlan?.OutFeatures ?? _cpuPlan?.OutFeatures ?? outFeatures;
        if (planIn != inFeatures || planOut != outFeatures)
        {
            _gpuPlan?.Dispose();
            throw new ArgumentException($"{Who}: the chain maps {planIn} features to {planOut}, not {inFeatures} to {outFeatures}", nameof(chain));
        }
    }

    /// <summary>
    /// A session that always takes the module path through <paramref name="forward"/> (rows [n, inFeatures] to
    /// [n, outFeatures]), e.g. for a model that offers only a function; <paramref name="owner"/>, when given, is put in
    /// evaluation mode while it runs. Such a session runs on the CPU; a GPU request is reported once on standard error.
    /// </summary>
    public InferenceSession(Func<Tensor, Tensor> forward, Module? owner, int inFeatures, int outFeatures, Device device = Device.Cpu, int batchSize = 4096)
        : this(owner is null ? [] : [owner], forward ?? throw new ArgumentNullException(nameof(forward)), inFeatures, outFeatures, batchSize)
    {
        if (CudaRuntime.Resolve(device) == Device.Cuda)
            Console.Error.WriteLine($"{Who}: {(owner?.GetType().Name ?? "a function")} has no layer chain to plan; it runs on the CPU.");
    }

    private InferenceSession(Module[] modules, Func<Tensor, Tensor>? forward, int inFeatures, int outFeatures, int batchSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inFeatures, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outFeatures, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        _modules = modules;
        _forward = forward ?? CallInTurn;
        InFeatures = inFeatures;
        OutFeatures = outFeatures;
        BatchSize = batchSize;
    }

    /// <summary>Which path runs the rows.</summary>
    public InferencePath Path => _gpuPlan is not null ? InferencePath.CudaPlan : _cpuPlan is not null ? InferencePath.CpuPlan : InferencePath.Module;

    /// <summary>Where the rows run: Cuda only on the GPU plan.</summary>
    public Device Device => _gpuPlan is null ? Device.Cpu : Device.Cuda;

    /// <summary>Width of the input rows.</summary>
    public int InFeatures { get; }

    /// <summary>Width of the output rows.</summary>
    public int OutFeatures { get; }

    /// <summary>Rows per forward call on the module path (the plans chunk rows themselves).</summary>
    public int BatchSize { get; }

    /// <summary>
    /// Applies the chain to <paramref name="rows"/> rows of <paramref name="input"/> [rows * InFeatures] and writes
    /// <paramref name="output"/> [rows * OutFeatures]. On the plans, input and output may be the same buffer.
    /// </summary>
    public void Run(ReadOnlySpan<float> input, Span<float> output, int rows)
    {
        if (rows < 0 || input.Length < rows * InFeatures)
            throw new ArgumentException($"{Who}: {rows} rows of {InFeatures} need {rows * InFeatures} floats; input holds {input.Length}", nameof(input));
        if (output.Length < rows * OutFeatures)
            throw new ArgumentException($"{Who}: {rows} rows of {OutFeatures} need {rows * OutFeatures} floats; output holds {output.Length}", nameof(output));
        var x = input[..(rows * InFeatures)];
        var y = output[..(rows * OutFeatures)];
        if (_gpuPlan is not null) _gpuPlan.Run(x, y, rows);
        else if (_cpuPlan is not null) _cpuPlan.Run(x, y, rows);
        else RunModules(x, y, rows);
    }

    /// <summary>Applies the chain to <paramref name="input"/> [n, InFeatures]; returns a new tensor [n, OutFeatures].</summary>
    public Tensor Run(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Rank != 2 || input.Shape[1] != InFeatures)
            throw new ArgumentException($"{Who}: input must have shape [n, {InFeatures}]; got [{string.Join(", ", input.Shape)}]", nameof(input));
        int n = input.Shape[0];
        var output = new float[n * OutFeatures];
        Run(input.Contiguous().ToArray(), output, n);
        return Tensor.FromArray(output, n, OutFeatures);
    }

    private void RunModules(ReadOnlySpan<float> input, Span<float> output, int rows)
    {
        using var mode = EvalScope();
        using var _ = GradMode.NoGrad();
        for (int r0 = 0; r0 < rows; r0 += BatchSize)
        {
            int n = Math.Min(BatchSize, rows - r0);
            // The chunk's activations return to the tensor pool for the next chunk (maps are iterated thousands of times).
            using var scope = DisposeScope.Begin();
            var batch = Tensor.Zeros(n, InFeatures);
            input.Slice(r0 * InFeatures, n * InFeatures).CopyTo(batch.AsSpan());
            var values = _forward(batch).Contiguous().AsSpan();
            if (values.Length != n * OutFeatures)
                throw new InvalidOperationException($"{Who}: the forward pass returned {values.Length} numbers for {n} rows of width {OutFeatures}");
            values.CopyTo(output.Slice(r0 * OutFeatures, n * OutFeatures));
        }
    }

    private Tensor CallInTurn(Tensor x)
    {
        foreach (var module in _modules) x = module.Call(x);
        return x;
    }

    private static IReadOnlyList<Module> CheckChain(IReadOnlyList<Module> chain)
    {
        ArgumentNullException.ThrowIfNull(chain);
        if (chain.Count == 0) throw new ArgumentException($"{Who}: the chain needs at least one module", nameof(chain));
        for (int i = 0; i < chain.Count; i++)
            if (chain[i] is null) throw new ArgumentException($"{Who}: module {i} of the chain is null", nameof(chain));
        return chain;
    }

    /// <summary>Puts the session's modules in evaluation mode and restores the ones that were training on dispose.</summary>
    private ModeScope EvalScope()
    {
        bool[] wasTraining = new bool[_modules.Length];
        for (int i = 0; i < _modules.Length; i++)
        {
            wasTraining[i] = _modules[i].Training;
            if (wasTraining[i]) _modules[i].Eval();
        }
        return new ModeScope(_modules, wasTraining);
    }

    private readonly struct ModeScope(Module[] modules, bool[] wasTraining) : IDisposable
    {
        public void Dispose()
        {
            for (int i = 0; i < modules.Length; i++) if (wasTraining[i]) modules[i].Train();
        }
    }

    /// <summary>Returns the GPU plan's device memory to the pool (nothing to do on the CPU).</summary>
    public void Dispose() => _gpuPlan?.Dispose();
}
