using LatentWorkbench.Engine;
using LatentWorkbench.Engine.Autograd;
using LatentWorkbench.Engine.Functional;
using LatentWorkbench.Engine.NN;
using LatentWorkbench.Models;

namespace LatentWorkbench.LatentFields;

/// <summary>
/// The latent map f(z) = E(D(z)) of an autoencoder and its vector field V(z) = f(z) - z, evaluated in batches
/// without gradients and in evaluation mode (batch statistics and dropout would make f depend on the batch).
/// Latents are row-major float arrays [n * k] so the iteration code can compact them cheaply. The engine's
/// <see cref="InferenceSession"/> picks how f runs: for a model that exposes its decoder and encoder modules, the GPU
/// plan with <see cref="Engine.Device.Cuda"/> (weights copied there when the map is built; dispose the map to return
/// that memory), else the CPU plan when the layers allow one, else the modules' forward.
/// </summary>
/// <example><code>
/// var model = new MlpAutoencoder(latentDim: 4, inputDim: 16, hidden1: 32, hidden2: 16, generator: new Generator(0));
/// using var map = new LatentMap(model);                    // f(z) = E(D(z)), k = 4
/// var z = Tensor.Randn(new Generator(1), 10, 4);           // [n, k]
/// var fz = map.Apply(z);                                   // [10, 4]
/// float[] v = map.Field(z.ToArray());                      // V(z) = f(z) - z, [10 * 4]
/// var jacobians = map.Jacobians(z.ToArray());              // J_f [10, 4, 4]
/// </code></example>
public sealed class LatentMap : IDisposable
{
    private readonly IAutoencoder _model;
    private readonly InferenceSession _session;

    /// <summary>
    /// Wraps <paramref name="model"/>; checks once that decoding then encoding a latent returns k numbers.
    /// <paramref name="device"/> Cuda runs the map on the GPU when a GPU is usable and the model's layers allow it;
    /// otherwise the map runs on the CPU and says so once (see <see cref="Device"/>).
    /// </summary>
    public LatentMap(IAutoencoder model, int batchSize = 4096, Device device = Device.Cpu)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (batchSize < 1) throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "must be positive");
        _model = model;
        BatchSize = batchSize;
        Dim = model.LatentDim;
        if (Dim < 1) throw new ArgumentException($"the autoencoder reports LatentDim = {Dim}; expected a positive bottleneck size", nameof(model));
        using (EvalScope(model))
        using (GradMode.NoGrad())
        {
            var decoded = model.Decode(Tensor.Zeros(1, Dim));
            var encoded = model.Encode(decoded);
            if (encoded.Rank != 2 || encoded.Shape[0] != 1 || encoded.Shape[1] != Dim)
                throw new ArgumentException(
                    $"the encoder and decoder disagree on the bottleneck: the decoder takes k = {Dim} but E(D(z)) has shape " +
                    $"[{string.Join(", ", encoded.Shape)}], expected [1, {Dim}]", nameof(model));
        }
        _session = model is { Decoder: { } decoder, Encoder: { } encoder }
            ? new InferenceSession([decoder, encoder], Dim, Dim, device, batchSize)
            : new InferenceSession(z => model.Encode(model.Decode(z)), model as Module, Dim, Dim, device, batchSize);
    }

    /// <summary>Where f runs: Cuda only when it was asked for, a GPU is usable and the model's layers run on it.</summary>
    public Device Device => _session.Device;

    /// <summary>How f runs: the GPU plan, the CPU plan or the modules' forward.</summary>
    public InferencePath Path => _session.Path;

    /// <summary>The bottleneck size k.</summary>
    public int Dim { get; }

    /// <summary>Rows per model call.</summary>
    public int BatchSize { get; }

    /// <summary>The autoencoder whose encoder and decoder make f.</summary>
    public IAutoencoder Model => _model;

    /// <summary>Writes f(z) for the <paramref name="count"/> rows of <paramref name="z"/> [count * k] into <paramref name="output"/> [count * k].</summary>
    public void Apply(ReadOnlySpan<float> z, Span<float> output, int count)
    {
        CheckRows(z.Length, count, nameof(z));
        if (output.Length < count * Dim) throw new ArgumentException($"output holds {output.Length} floats, need {count * Dim}", nameof(output));
        var result = output[..(count * Dim)];
        _session.Run(z[..(count * Dim)], result, count);
        int nonFinite = CountNonFinite(result, out int firstRow);
        if (nonFinite > 0)
            throw new ArithmeticException($"the latent map produced {nonFinite} non-finite values (NaN or infinity), the first in row {firstRow}; the model or its inputs have diverged");
    }

    /// <summary>f(z) for latents <paramref name="z"/> [n * k]; returns a new array [n * k].</summary>
    public float[] Apply(ReadOnlySpan<float> z)
    {
        int n = RowCount(z.Length, nameof(z));
        var output = new float[z.Length];
        Apply(z, output, n);
        return output;
    }

    /// <summary>f(z) for latents <paramref name="z"/> [n, k]; returns [n, k].</summary>
    public Tensor Apply(Tensor z) => Tensor.FromArray(Apply(CheckTensor(z)), z.Shape[0], Dim);

    /// <summary>The field V(z) = f(z) - z for latents <paramref name="z"/> [n * k]; returns [n * k].</summary>
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

    private int CountNonFinite(ReadOnlySpan<float> values, out int firstRow)
    {
        int bad = 0;
        firstRow = -1;
        for (int i = 0; i < values.Length; i++)
        {
            if (float.IsFinite(values[i])) continue;
            if (bad++ == 0) firstRow = i / Dim;
        }
        return bad;
    }

    /// <summary>Puts a module into evaluation mode and restores its previous mode on dispose.</summary>
    internal static IDisposable EvalScope(IAutoencoder model) => new ModeRestorer(model as Module);

    /// <summary>Returns the GPU plan's device memory to the pool (nothing to do on the CPU).</summary>
    public void Dispose() => _session.Dispose();

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
