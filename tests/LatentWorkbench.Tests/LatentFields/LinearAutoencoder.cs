using LatentWorkbench.Engine;
using LatentWorkbench.Engine.NN;
using LatentWorkbench.Models;

namespace LatentWorkbench.Tests.LatentFields;

/// <summary>
/// A test autoencoder whose latent map is known in closed form: D is the identity (or tanh), E(x) = A x + b,
/// so f(z) = A z + b (or A tanh(z) + b).
/// </summary>
internal sealed class LinearAutoencoder : Module, IAutoencoder
{
    private readonly Linear _encoder;
    private readonly Module _decoder;

    public LinearAutoencoder(double[,] a, double[] b, bool tanhDecoder = false, int? encoderOut = null)
    {
        int k = b.Length, outDim = encoderOut ?? k;
        _encoder = RegisterModule("encoder", new Linear(k, outDim));
        _decoder = RegisterModule<Module>("decoder", tanhDecoder ? new Tanh() : new Identity());
        var w = _encoder.Weight.AsSpan();
        var bias = _encoder.Bias!.AsSpan();
        for (int i = 0; i < outDim; i++)
        {
            bias[i] = i < k ? (float)b[i] : 0f;
            for (int j = 0; j < k; j++) w[i * k + j] = i < k ? (float)a[i, j] : 0f;
        }
        LatentDim = k;
        InputShape = [k];
    }

    public int LatentDim { get; }

    public IReadOnlyList<int> InputShape { get; }

    public Tensor Encode(Tensor inputs) => _encoder.Call(inputs);

    public Tensor Decode(Tensor latents) => _decoder.Call(latents);

    public override Tensor Forward(Tensor input) => Decode(Encode(input));

    /// <summary>f(z) = rho z + b: a contraction with fixed point b / (1 - rho).</summary>
    public static LinearAutoencoder Scaled(double rho, double[] b)
    {
        var a = new double[b.Length, b.Length];
        for (int i = 0; i < b.Length; i++) a[i, i] = rho;
        return new LinearAutoencoder(a, b);
    }
}
