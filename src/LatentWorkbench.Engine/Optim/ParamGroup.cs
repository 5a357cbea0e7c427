namespace LatentWorkbench.Engine.Optim;

/// <summary>
/// A set of parameters sharing hyperparameters inside an <see cref="Optimizer"/> (PyTorch's param_groups entry). Options
/// left null take the optimizer's defaults when the group is handed to it. Hyperparameters are doubles, like
/// PyTorch's Python floats, and may be changed between steps (schedulers do).
/// </summary>
public sealed class ParamGroup
{
    private double? _learningRate, _weightDecay, _momentum;

    /// <summary>Creates a group; null options are filled from the optimizer's defaults.</summary>
    public ParamGroup(IEnumerable<Tensor> parameters, double? lr = null, double? weightDecay = null, double? momentum = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Params = [.. parameters];
        _learningRate = lr; _weightDecay = weightDecay; _momentum = momentum;
    }

    /// <summary>The parameters of this group.</summary>
    public IReadOnlyList<Tensor> Params { get; }

    /// <summary>The current learning rate ('lr').</summary>
    public double LearningRate
    {
        get => _learningRate ?? throw Unattached(nameof(LearningRate));
        set => _learningRate = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "learning rate must be non-negative");
    }

    /// <summary>The weight decay ('weight_decay'): L2 added to the gradient (SGD, Adam) or decoupled (AdamW).</summary>
    public double WeightDecay
    {
        get => _weightDecay ?? throw Unattached(nameof(WeightDecay));
        set => _weightDecay = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "weight decay must be non-negative");
    }

    /// <summary>
    /// The momentum: SGD's momentum factor, or Adam's/AdamW's beta1 (the decay of the first moment), so that
    /// momentum-cycling schedulers (<see cref="OneCycleLR"/>, <see cref="CyclicLR"/>) drive either.
    /// </summary>
    public double Momentum
    {
        get => _momentum ?? throw Unattached(nameof(Momentum));
        set => _momentum = value is >= 0 and < 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "momentum must lie in [0, 1)");
    }

    /// <summary>The learning rate schedulers start from ('initial_lr'); set by the first scheduler attached.</summary>
    public double? InitialLearningRate { get; set; }

    internal void ApplyDefaults(double lr, double weightDecay, double momentum)
    {
        _learningRate ??= lr;
        _weightDecay ??= weightDecay;
        _momentum ??= momentum;
        LearningRate = _learningRate.Value;
        WeightDecay = _weightDecay.Value;
        Momentum = _momentum.Value;
    }

    private static InvalidOperationException Unattached(string name) =>
        new($"ParamGroup.{name} is not set: it was given no value and the group has not been handed to an optimizer yet");
}
