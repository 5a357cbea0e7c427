using LatentWorkbench.Engine;
using LatentWorkbench.Engine.Autograd;
using LatentWorkbench.Engine.Cuda;
using LatentWorkbench.Engine.Functional;
using LatentWorkbench.Engine.NN;
using LatentWorkbench.Models;

namespace LatentWorkbench.LatentFields;

/// <summary>
/// The latent map f(z) = E(D(z)) of an autoencoder and its vector field V(z) = f(z) - z, evaluated in batches
/// without gradients and in evaluation mode (batch statistics and dropout would make f depend on the batch).
/// Latents are row-major float arrays [n * k] so the iteration code can compact them cheaply. With
/// <see cref="Engine.Device.Cuda"/> an MLP autoencoder's map runs on the GPU (its weights copied there when the map is
/// built); dispose the map to return that device memory.
/// </summary>
public sealed class LatentMap : IDisposable
{
    private readonly IAutoencoder _model;

    // For an MLP autoencoder, z -> E(D(z)) runs through an allocation-free inference plan (several times faster
    // than the autograd path); other models go through Encode/Decode.
    private readonly InferencePlan? _plan;
    private readonly CudaInferencePlan? _gpuPlan;

    /// <summary>
    /// Wraps <paramref name="model"/>; checks once that decoding then encoding a latent returns k numbers.
    /// <paramref name="device"/> Cuda runs an MLP autoencoder's map on the GPU; without a usable GPU, or for other
    /// models, the map runs on the CPU and says so once (see <see cref="Device"/>).
    /// </summary>
    public LatentMap(IAutoencoder model, int batchSize = 4096, Device device = Device.Cpu)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (batchSize < 1) throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "must be positive");
        _model = model;
        BatchSize = batchSize;
        Dim = model.LatentDim;
        if (Dim < 1) throw new ArgumentException($"the autoencoder reports LatentDim = {Dim}; expected a positive bottleneck size", nameof(model));
        using var mode = EvalScope(model);
        using var _ = GradMode.NoGrad();
        var decoded = model.Decode(Tensor.Zeros(1, Dim));
        var encoded = model.Encode(decoded);
        if (encoded.Rank != 2 || encoded.Shape[0] != 1 || encoded.Shape[1] != Dim)
            throw new ArgumentException(
                $"the encoder and decoder disagree on the bottleneck: the decoder takes k = {Dim} but E(D(z)) has shape " +
                $"[{string.Join(", ", encoded.Shape)}], expected [1, {Dim}]", nameof(model));
        var resolved = CudaRuntime.Resolve(device);
        if (model is MlpAutoencoder mlp)
        {
            if (resolved == Device.Cuda) _gpuPlan = CudaInferencePlan.Chain(mlp.Decoder, mlp.Encoder);
            else _plan = InferencePlan.Chain(mlp.Decoder, mlp.Encoder);
        }
        else if (resolved == Device.Cuda)
            Console.Error.WriteLine($"LatentMap: only MLP autoencoders run on the GPU so far; this {model.GetType().Name} runs on the CPU.");
    }

    /// <summary>Where f runs: Cuda only when it was asked for, a GPU is usable and the model is an MLP autoencoder.</summary>
    public Device Device => _gpuPlan is null ? Device.Cpu : Device.Cuda;

    /// <summary>The bottleneck size k.</summary>
    public int Dim { get; }

    /// <summary>Rows per model call.</summary>
    public int BatchSize { get; }

    /// <summary>The wrapped autoencoder.</summary>
    public IAutoencoder Model => _model;

    /// <summary>Writes f(z) for the <paramref name="count"/> rows of <paramref name="z"/> into <paramref name="output"/>.</summary>
    public void Apply(ReadOnlySpan<float> z, Span<float> output, int count)
    {
        CheckRows(z.Length, count, nameof(z));
        if (output.Length < count * Dim) throw new ArgumentException($"output holds {output.Length} floats, need {count * Dim}", nameof(output));
        if (_plan is not null || _gpuPlan is not null)
        {
            if (_gpuPlan is not null) _gpuPlan.Run(z[..(count * Dim)], output[..(count * Dim)], count);
            else _plan!.Run(z[..(count * Dim)], output[..(count * Dim)], count);
            int nonFinite = CountNonFinite(output[..(count * Dim)]);
            if (nonFinite > 0)
                throw new ArithmeticException($"the latent map produced {nonFinite} non-finite values (NaN or infinity); the model or its inputs have diverged");
            return;
        }
        using var mode = EvalScope(_model);
        using var _ = GradMode.NoGrad();
        for (int r0 = 0; r0 < count; r0 += BatchSize)
        {
            int rows = Math.Min(BatchSize, count - r0);
            // The chunk's activations return to the tensor pool for the next chunk (trajectories call this thousands of times).
            using var scope = DisposeScope.Begin();
            var batch = Tensor.Zeros(rows, Dim);
            z.Slice(r0 * Dim, rows * Dim).CopyTo(batch.AsSpan());
            var fz = _model.Encode(_model.Decode(batch)).Contiguous();
            var values = fz.AsSpan();
            if (values.Length != rows * Dim)
                throw new InvalidOperationException($"E(D(z)) returned {values.Length} numbers for {rows} latents of size {Dim}");
            int bad = CountNonFinite(values);
            if (bad > 0)
                throw new ArithmeticException($"the latent map produced {bad} non-finite values (NaN or infinity) in rows {r0}..{r0 + rows - 1}; the model or its inputs have diverged");
            values.CopyTo(output.Slice(r0 * Dim, rows * Dim));
        }
    }

    /// <summary>f(z) for latents [n * k]; returns a new array.</summary>
    public float[] Apply(ReadOnlySpan<float> z)
    {
        int n = RowCount(z.Length, nameof(z));
        var output = new float[z.Length];
        Apply(z, output, n);
        return output;
    }

    /// <summary>f(z) for a tensor [n, k].</summary>
    public Tensor Apply(Tensor z) => Tensor.FromArray(Apply(CheckTensor(z)), z.Shape[0], Dim);

    /// <summary>The field V(z) = f(z) - z for latents [n * k].</summary>
    public float[] Field(ReadOnlySpan<float> z)
    {
        var v = Apply(z);
        System.Numerics.Tensors.TensorPrimitives.Subtract(v, z, v);
        return v;
    }

    /// <summary>
    /// The field on a regular nx x ny grid over a 2-D latent space (k = 2). Returns the grid points (x fastest)
    /// and the field vectors, both [nx * ny * 2].
    /// </summary>
    public (float[] Points, float[] Vectors) FieldOnGrid((double Min, double Max) xRange, (double Min, double Max) yRange, int nx, int ny)
    {
        if (Dim != 2) throw new InvalidOperationException($"FieldOnGrid needs a 2-D latent space; this model has k = {Dim}");
        var points = LatentStarts.Grid(xRange, yRange, nx, ny);
        return (points, Field(points));
    }

    /// <summary>Jacobians J_f [n, k, k] at the rows of <paramref name="points"/> [n * k], by reverse-mode autodiff.</summary>
    public Tensor Jacobians(ReadOnlySpan<float> points)
    {
        int n = RowCount(points.Length, nameof(points));
        using var mode = EvalScope(_model);
        var p = Tensor.FromArray(points.ToArray(), n, Dim);
        return AutogradFunctional.BatchJacobian(z => _model.Encode(_model.Decode(z)), p);
    }

    internal int RowCount(int length, string argument)
    {
        if (length % Dim != 0)
            throw new ArgumentException($"latents must have k = {Dim} numbers per row; got {length} numbers, which is not a multiple of {Dim}", argument);
        return length / Dim;
    }

    private void CheckRows(int length, int count, string argument)
    {
        if (count < 0 || length < count * Dim)
            throw new ArgumentException($"{count} latents of size {Dim} need {count * Dim} numbers; got {length}", argument);
    }

    private float[] CheckTensor(Tensor z)
    {
        ArgumentNullException.ThrowIfNull(z);
        if (z.Rank != 2 || z.Shape[1] != Dim)
            throw new ArgumentException($"latents must have shape [n, {Dim}]; got [{string.Join(", ", z.Shape)}]", nameof(z));
        return z.Contiguous().ToArray();
    }

    private static int CountNonFinite(ReadOnlySpan<float> values)
    {
        int bad = 0;
        foreach (var v in values) if (!float.IsFinite(v)) bad++;
        return bad;
    }

    /// <summary>Puts a module into evaluation mode and restores its previous mode on dispose.</summary>
    internal static IDisposable EvalScope(IAutoencoder model) => new ModeRestorer(model as Module);

    /// <summary>Returns the GPU plan's device memory to the pool (nothing to do on the CPU).</summary>
    public void Dispose() => _gpuPlan?.Dispose();

    private sealed class ModeRestorer : IDisposable
    {
        private readonly Module? _module;
        private readonly bool _wasTraining;

        public ModeRestorer(Module? module)
        {
            _module = module;
            _wasTraining = module?.Training ?? false;
            if (_wasTraining) module!.Eval();
        }

        public void Dispose()
        {
            if (_wasTraining) _module!.Train();
        }
    }
}
