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

    /// <summary>State dimension p (first width): the preprocessed layer width.</summary>
    public int StateDim { get; }
    /// <summary>Observable dimension o (last width): the size of K.</summary>
    public int ObservableDim { get; }
    /// <summary>k: number of Koopman steps from the first to the last layer.</summary>
    public int Steps { get; }
    /// <summary>phi: states [n, p] to observables [n, o].</summary>
    public Sequential Encoder { get; }
    /// <summary>psi: observables [n, o] to states [n, p].</summary>
    public Sequential Decoder { get; }
    /// <summary>M [o, o], the learnable generator (K^k = expm(M)); starts at the identity.</summary>
    public Tensor Generator_ { get; }

    /// <summary>One step K = expm(M / k), [o, o].</summary>
    public Tensor StepOperator() => F.Expm(Generator_ * (1f / Steps));

    /// <summary>All k steps A = K^k = expm(M), [o, o].</summary>
    public Tensor FullOperator() => F.Expm(Generator_);

    /// <summary>phi(x): observables [n, o] of states [n, p].</summary>
    public Tensor Encode(Tensor states) => Encoder.Call(states);

    /// <summary>psi(z): states [n, p] of observables [n, o].</summary>
    public Tensor Decode(Tensor observables) => Decoder.Call(observables);

    /// <summary>psi(phi(x0) K^k): the predicted last layer [n, p] of first-layer states [n, p].</summary>
    public override Tensor Forward(Tensor input) => Decode(Encode(input).MatMul(FullOperator()));

    /// <summary>Decoded iterates psi(phi(x0) K^i) for i = 0..k (k + 1 tensors [n, p]) of first-layer states <paramref name="firstLayer"/> [n, p].</summary>
    /// <example><code>
    /// var kae = new KoopmanAutoencoder([10, 30, 20], steps: 100, new Generator(0));   // p = 10, o = 20
    /// Tensor[] path = kae.Iterates(Tensor.Randn(new Generator(1), 64, 10));          // 101 tensors [64, 10]
    /// </code></example>
    public Tensor[] Iterates(Tensor firstLayer) => Iterates(firstLayer, Steps);

    /// <summary>
    /// Decoded iterates psi(phi(x0) K^i) for i = 0..<paramref name="count"/> (count + 1 tensors [n, p]); a count beyond
    /// <see cref="Steps"/> follows the learned dynamics past the last layer it was trained to reach.
    /// </summary>
    public Tensor[] Iterates(Tensor firstLayer, int count)
    {
        if (count < 0) throw new ArgumentOutOfRangeException(nameof(count), count, "must be non-negative");
        var k = StepOperator();
        var z = Encode(firstLayer);
        var result = new Tensor[count + 1];
        for (int i = 0; i <= count; i++)
        {
            result[i] = Decode(z);
            if (i < count) z = z.MatMul(k);
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
