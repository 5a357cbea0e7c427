using LatentWorkbench.Engine;
using LatentWorkbench.Engine.NN;

namespace LatentWorkbench.Models;

/// <summary>
/// Koopman autoencoder of representation dynamics: mirrored LeakyReLU MLPs phi (state -> observables) and psi
/// (observables -> state) with Kaiming init, and one linear operator K = expm(M / k) with M initialised to the
/// identity, so that k steps give K^k = expm(M). Observables are row vectors: one step is z -> z K.
/// </summary>
public sealed class KoopmanAutoencoder : Module
{
    /// <summary>Encoder widths e.g. [10, 30, 20] (state, hidden..., observables); the decoder mirrors them.</summary>
    public KoopmanAutoencoder(IReadOnlyList<int> widths, int steps, Generator? generator = null)
    {
        if (widths.Count < 2) throw new ArgumentException("widths needs at least the state and observable sizes", nameof(widths));
        foreach (int w in widths) if (w <= 0) throw new ArgumentOutOfRangeException(nameof(widths), w, "every width must be positive");
        if (steps < 1) throw new ArgumentOutOfRangeException(nameof(steps), steps, "k must be positive");
        StateDim = widths[0]; ObservableDim = widths[^1]; Steps = steps;
        Encoder = RegisterModule("encoder", BuildMlp(widths, generator));
        Decoder = RegisterModule("decoder", BuildMlp([.. widths.Reverse()], generator));
        Generator_ = RegisterParameter("generator", Tensor.Eye(ObservableDim));
    }

    /// <summary>State dimension p.</summary>
    public int StateDim { get; }
    /// <summary>Observable dimension.</summary>
    public int ObservableDim { get; }
    /// <summary>k: number of Koopman steps from the first to the last layer.</summary>
    public int Steps { get; }
    /// <summary>phi.</summary>
    public Sequential Encoder { get; }
    /// <summary>psi.</summary>
    public Sequential Decoder { get; }
    /// <summary>M (the learnable generator; K^k = expm(M)).</summary>
    public Tensor Generator_ { get; }

    /// <summary>One step K = expm(M / k).</summary>
    public Tensor StepOperator() => F.Expm(Generator_ * (1f / Steps));

    /// <summary>All k steps A = K^k = expm(M).</summary>
    public Tensor FullOperator() => F.Expm(Generator_);

    /// <summary>phi(x).</summary>
    public Tensor Encode(Tensor states) => Encoder.Call(states);

    /// <summary>psi(z).</summary>
    public Tensor Decode(Tensor observables) => Decoder.Call(observables);

    /// <summary>psi(phi(x0) K^k): the predicted last layer.</summary>
    public override Tensor Forward(Tensor input) => Decode(Encode(input).MatMul(FullOperator()));

    /// <summary>Decoded iterates psi(phi(x0) K^i) for i = 0..k (k + 1 tensors [n, p]).</summary>
    public Tensor[] Iterates(Tensor firstLayer)
    {
        var k = StepOperator();
        var z = Encode(firstLayer);
        var result = new Tensor[Steps + 1];
        for (int i = 0; i <= Steps; i++)
        {
            result[i] = Decode(z);
            if (i < Steps) z = z.MatMul(k);
        }
        return result;
    }

    private static Sequential BuildMlp(IReadOnlyList<int> widths, Generator? generator)
    {
        var seq = new Sequential();
        for (int i = 0; i + 1 < widths.Count; i++)
        {
            var linear = new Linear(widths[i], widths[i + 1], generator: generator);
            Init.KaimingUniform(linear.Weight, a: 0.01, nonlinearity: Nonlinearity.LeakyRelu, generator: generator);
            Init.Zeros(linear.Bias!);
            seq.Add(linear);
            if (i + 2 < widths.Count) seq.Add(new LeakyReLU());
        }
        return seq;
    }
}
