using System.Numerics.Tensors;

namespace LatentWorkbench.Engine.Optim;

/// <summary>
/// Stochastic gradient descent with optional momentum, dampening, Nesterov momentum and L2 weight decay, with
/// PyTorch 1.13's update: d = g + wd w; buf = d on the first step, else buf = momentum buf + (1 - dampening) d;
/// d = d + momentum buf (Nesterov) or buf; w = w - lr d.
/// </summary>
public sealed class SGD : Optimizer
{
    private readonly float[]?[][] _momentumBuffers;

    /// <summary>Optimizes <paramref name="parameters"/> as one group.</summary>
    public SGD(IEnumerable<Tensor> parameters, double lr, double momentum = 0, double dampening = 0, double weightDecay = 0, bool nesterov = false)
        : this(SingleGroup(parameters), lr, momentum, dampening, weightDecay, nesterov) { }

    /// <summary>Optimizes several groups; options a group leaves unset come from these arguments.</summary>
    public SGD(IEnumerable<ParamGroup> groups, double lr, double momentum = 0, double dampening = 0, double weightDecay = 0, bool nesterov = false)
        : base(groups, CheckLr(lr), weightDecay, momentum)
    {
        if (nesterov && (momentum <= 0 || dampening != 0))
            throw new ArgumentException("SGD: Nesterov momentum requires a positive momentum and zero dampening", nameof(nesterov));
        Dampening = dampening;
        Nesterov = nesterov;
        _momentumBuffers = CreateState<float[]>();
    }

    private static double CheckLr(double lr) => lr >= 0 ? lr : throw new ArgumentOutOfRangeException(nameof(lr), lr, "learning rate must be non-negative");

    /// <summary>Fraction of the new gradient withheld from the momentum buffer.</summary>
    public double Dampening { get; }

    /// <summary>Whether Nesterov momentum is used.</summary>
    public bool Nesterov { get; }

    /// <inheritdoc/>
    protected override void Update(ParamGroup group, int groupIndex, int paramIndex, Span<float> param, ReadOnlySpan<float> grad)
    {
        float lr = (float)group.LearningRate, wd = (float)group.WeightDecay, momentum = (float)group.Momentum;
        ReadOnlySpan<float> d = grad;
        if (wd != 0)
        {
            var s = Scratch(param.Length);
            TensorPrimitives.MultiplyAdd(param, wd, grad, s);
            d = s;
        }
        if (momentum != 0)
        {
            ref var buffer = ref _momentumBuffers[groupIndex][paramIndex];
            if (buffer is null) buffer = d.ToArray();
            else
            {
                TensorPrimitives.Multiply(buffer, momentum, buffer);
                TensorPrimitives.MultiplyAdd(d, (float)(1 - Dampening), buffer, buffer);
            }
            if (Nesterov)
            {
                var s = Scratch(param.Length);
                TensorPrimitives.MultiplyAdd(buffer, momentum, d, s);
                d = s;
            }
            else d = buffer;
        }
        TensorPrimitives.MultiplyAdd(d, -lr, param, param);
    }

    /// <inheritdoc/>
    protected override IEnumerable<(string Name, float[] Values)> ExportState(int groupIndex, int paramIndex)
    {
        if (_momentumBuffers[groupIndex][paramIndex] is float[] buffer) yield return ("momentum_buffer", buffer);
    }

    /// <inheritdoc/>
    protected override void ImportState(int groupIndex, int paramIndex, IReadOnlyDictionary<string, float[]> values)
    {
        if (values.TryGetValue("momentum_buffer", out var buffer)) _momentumBuffers[groupIndex][paramIndex] = (float[])buffer.Clone();
    }
}
