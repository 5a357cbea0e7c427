namespace LatentWorkbench.Engine.NN;

/// <summary>Which fan a Kaiming initialisation preserves: forward activations (FanIn) or backward gradients (FanOut).</summary>
public enum FanMode
{
    /// <summary>Preserve the variance of activations in the forward pass.</summary>
    FanIn,
    /// <summary>Preserve the variance of gradients in the backward pass.</summary>
    FanOut,
}

/// <summary>The nonlinearity following a layer, which sets the recommended gain (PyTorch's calculate_gain).</summary>
public enum Nonlinearity
{
    /// <summary>Gain 1.</summary>
    Linear,
    /// <summary>Gain 1 (convolutions count as linear).</summary>
    Conv,
    /// <summary>Gain 1.</summary>
    Sigmoid,
    /// <summary>Gain 5/3.</summary>
    Tanh,
    /// <summary>Gain sqrt(2).</summary>
    Relu,
    /// <summary>Gain sqrt(2 / (1 + slope^2)).</summary>
    LeakyRelu,
    /// <summary>Gain 3/4.</summary>
    Selu,
}

/// <summary>
/// In-place weight initialisations with PyTorch's formulas (torch.nn.init). Every function takes a
/// <see cref="Generator"/>; when none is given, <see cref="DefaultGenerator"/> is used, which starts seeded with 0 and is
/// re-seeded by <see cref="ManualSeed"/> (like torch.manual_seed). Values differ from PyTorch's (another random stream)
/// but follow the same distributions. The default generator is shared and not thread-safe.
/// </summary>
public static class Init
{
    /// <summary>The generator used when an initialiser (or layer constructor) is given none. Seeded 0 at start-up.</summary>
    public static Generator DefaultGenerator { get; private set; } = new(0);

    /// <summary>Replaces <see cref="DefaultGenerator"/> with a fresh one seeded <paramref name="seed"/>, so models built next are reproducible.</summary>
    public static void ManualSeed(ulong seed) => DefaultGenerator = new Generator(seed);

    /// <summary>(fan_in, fan_out) as PyTorch computes them: dim 1 resp. dim 0 times the receptive field (product of dims 2..).</summary>
    public static (int FanIn, int FanOut) CalculateFanInAndFanOut(Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        if (tensor.Rank < 2)
            throw new ArgumentException($"fan in and fan out cannot be computed for a tensor with fewer than 2 dimensions (shape {ShapeMath.Format(tensor.Dims)})", nameof(tensor));
        int receptive = 1;
        for (int i = 2; i < tensor.Rank; i++) receptive *= tensor.Dims[i];
        return (tensor.Dims[1] * receptive, tensor.Dims[0] * receptive);
    }

    /// <summary>The recommended gain for <paramref name="nonlinearity"/>; <paramref name="param"/> is leaky ReLU's negative slope (default 0.01).</summary>
    public static double CalculateGain(Nonlinearity nonlinearity, double? param = null) => nonlinearity switch
    {
        Nonlinearity.Linear or Nonlinearity.Conv or Nonlinearity.Sigmoid => 1.0,
        Nonlinearity.Tanh => 5.0 / 3.0,
        Nonlinearity.Relu => Math.Sqrt(2.0),
        Nonlinearity.LeakyRelu => Math.Sqrt(2.0 / (1 + Math.Pow(param ?? 0.01, 2))),
        Nonlinearity.Selu => 3.0 / 4.0,
        _ => throw new ArgumentOutOfRangeException(nameof(nonlinearity), nonlinearity, "unknown nonlinearity"),
    };

    /// <summary>Fills with samples of U(low, high).</summary>
    public static Tensor Uniform(Tensor tensor, double low = 0, double high = 1, Generator? generator = null)
    {
        var g = generator ?? DefaultGenerator;
        if (!(high >= low)) throw new ArgumentException($"uniform: high ({high}) must not be below low ({low})");
        var span = Writable(tensor);
        double width = high - low;
        for (int i = 0; i < span.Length; i++) span[i] = (float)(low + width * g.NextDouble());
        return tensor;
    }

    /// <summary>Fills with samples of N(mean, std^2).</summary>
    public static Tensor Normal(Tensor tensor, double mean = 0, double std = 1, Generator? generator = null)
    {
        var g = generator ?? DefaultGenerator;
        if (!(std >= 0)) throw new ArgumentOutOfRangeException(nameof(std), std, "normal: std must be non-negative");
        var span = Writable(tensor);
        for (int i = 0; i < span.Length; i++) span[i] = (float)(mean + std * g.NextNormal());
        return tensor;
    }

    /// <summary>Fills with <paramref name="value"/>.</summary>
    public static Tensor Constant(Tensor tensor, float value)
    {
        Writable(tensor).Fill(value);
        return tensor;
    }

    /// <summary>Fills with zeros.</summary>
    public static Tensor Zeros(Tensor tensor) => Constant(tensor, 0f);

    /// <summary>Fills with ones.</summary>
    public static Tensor Ones(Tensor tensor) => Constant(tensor, 1f);

    /// <summary>
    /// He (Kaiming) uniform: U(-b, b) with b = gain * sqrt(3 / fan). With a = sqrt(5), fan_in and leaky ReLU this is
    /// PyTorch's default Linear/Conv weight initialisation, b = 1 / sqrt(fan_in).
    /// </summary>
    public static Tensor KaimingUniform(Tensor tensor, double a = 0, FanMode mode = FanMode.FanIn,
        Nonlinearity nonlinearity = Nonlinearity.LeakyRelu, Generator? generator = null)
    {
        double std = CalculateGain(nonlinearity, a) / Math.Sqrt(Fan(tensor, mode));
        double bound = Math.Sqrt(3.0) * std;
        return Uniform(tensor, -bound, bound, generator);
    }

    /// <summary>He (Kaiming) normal: N(0, std^2) with std = gain / sqrt(fan).</summary>
    public static Tensor KaimingNormal(Tensor tensor, double a = 0, FanMode mode = FanMode.FanIn,
        Nonlinearity nonlinearity = Nonlinearity.LeakyRelu, Generator? generator = null)
    {
        double std = CalculateGain(nonlinearity, a) / Math.Sqrt(Fan(tensor, mode));
        return Normal(tensor, 0, std, generator);
    }

    /// <summary>Glorot (Xavier) uniform: U(-b, b) with b = gain * sqrt(6 / (fan_in + fan_out)).</summary>
    public static Tensor XavierUniform(Tensor tensor, double gain = 1, Generator? generator = null)
    {
        var (fanIn, fanOut) = CalculateFanInAndFanOut(tensor);
        double bound = Math.Sqrt(3.0) * gain * Math.Sqrt(2.0 / (fanIn + fanOut));
        return Uniform(tensor, -bound, bound, generator);
    }

    /// <summary>Glorot (Xavier) normal: N(0, std^2) with std = gain * sqrt(2 / (fan_in + fan_out)).</summary>
    public static Tensor XavierNormal(Tensor tensor, double gain = 1, Generator? generator = null)
    {
        var (fanIn, fanOut) = CalculateFanInAndFanOut(tensor);
        return Normal(tensor, 0, gain * Math.Sqrt(2.0 / (fanIn + fanOut)), generator);
    }

    /// <summary>
    /// A (semi-)orthogonal matrix times <paramref name="gain"/>: the tensor viewed as [rows, numel / rows] gets orthonormal
    /// rows or columns (whichever are fewer), from the QR factorisation of a Gaussian matrix with R's diagonal made
    /// positive, so the result is Haar-distributed as in PyTorch.
    /// </summary>
    public static Tensor Orthogonal(Tensor tensor, double gain = 1, Generator? generator = null)
    {
        if (tensor.Rank < 2) throw new ArgumentException($"orthogonal: needs at least 2 dimensions, got shape {ShapeMath.Format(tensor.Dims)}", nameof(tensor));
        var g = generator ?? DefaultGenerator;
        int rows = tensor.Dims[0], cols = tensor.Numel / Math.Max(rows, 1);
        // Factor the tall orientation: m >= n, orthonormal columns.
        bool transpose = rows < cols;
        int m = transpose ? cols : rows, n = transpose ? rows : cols;
        var a = new double[m * n];
        var flat = new double[rows * cols];
        for (int i = 0; i < flat.Length; i++) flat[i] = g.NextNormal();
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < cols; c++)
                if (transpose) a[c * n + r] = flat[r * cols + c]; else a[r * n + c] = flat[r * cols + c];
        GramSchmidt.Orthonormalize(a, m, n);
        var span = Writable(tensor);
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < cols; c++)
                span[r * cols + c] = (float)(gain * (transpose ? a[c * n + r] : a[r * n + c]));
        return tensor;
    }

    private static int Fan(Tensor tensor, FanMode mode)
    {
        var (fanIn, fanOut) = CalculateFanInAndFanOut(tensor);
        int fan = mode == FanMode.FanIn ? fanIn : fanOut;
        if (fan == 0) throw new ArgumentException($"initialising a tensor with zero {mode} (shape {ShapeMath.Format(tensor.Dims)})", nameof(tensor));
        return fan;
    }

    private static Span<float> Writable(Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        if (!tensor.IsContiguous) throw new ArgumentException($"initialisers write in place and need a contiguous tensor (shape {ShapeMath.Format(tensor.Dims)})", nameof(tensor));
        return tensor.Storage.AsSpan(tensor.Offset, tensor.Numel);
    }
}
